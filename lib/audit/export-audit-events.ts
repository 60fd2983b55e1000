import { z } from "zod";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { auditFilterFields, findAuditEventsPage, type AuditEventView } from "./list-audit-events";

export const AUDIT_EXPORT_MAX_ROWS = 10_000;

export const auditExportQuerySchema = z.object(auditFilterFields).refine((query) => !query.from || !query.to || query.from <= query.to, { message: "From must not be after To", path: ["to"] });
export type AuditExportQuery = z.input<typeof auditExportQuerySchema>;

const COLUMNS: Array<[header: string, value: (event: AuditEventView) => string | null]> = [
  ["when", (event) => event.createdAt],
  ["kind", (event) => event.kind],
  ["action", (event) => event.action],
  ["description", (event) => event.label],
  ["actor", (event) => event.actorName],
  ["actor_email", (event) => event.actorEmail],
  ["target", (event) => event.target],
  ["link", (event) => event.href],
  ["ip", (event) => event.ip],
];

/** One CSV field: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The filtered audit trail as CSV, newest first, at most AUDIT_EXPORT_MAX_ROWS rows. */
export async function exportAuditEventsCsv(context: Pick<TenantRequestContext, "tenant">, query: AuditExportQuery): Promise<string> {
  const lines = [COLUMNS.map(([header]) => header).join(",")];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await findAuditEventsPage(context, { ...query, limit: 100, cursor });
    for (const event of page.data.slice(0, AUDIT_EXPORT_MAX_ROWS - rows)) lines.push(COLUMNS.map(([, value]) => csvField(value(event))).join(","));
    rows += page.data.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows < AUDIT_EXPORT_MAX_ROWS);
  return `${lines.join("\r\n")}\r\n`;
}
