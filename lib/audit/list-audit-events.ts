import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/shared/client";
import { getBrandingSettings } from "@/lib/branding/get-branding";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { olderThan, pageQueryFields, toPage, type Page } from "@/lib/pagination/keyset-cursor";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { actionsOfKind, AUDIT_KINDS, type AuditKind } from "./audit-events";
import { describeAuditEvent } from "./describe-audit-event";

const blankAsMissing = (value: unknown) => (value === "" ? undefined : value);
const day = (field: string) =>
  z.preprocess(
    blankAsMissing,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date (YYYY-MM-DD)`)
      .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()), `${field} must be a real date`)
      .optional(),
  );

/** Filters of the audit trail, shared by GET /api/v1/audit, the Activity page and its CSV export. */
export const auditFilterFields = {
  /** "team." matches team.invited, team.role_changed, …; "lead.created" matches only itself. */
  action: z.preprocess(blankAsMissing, z.string().trim().max(100).regex(/^[a-z0-9_.]+$/, "Letters, digits, '_' and '.' only").optional()),
  /** One kind of AUDIT_EVENTS (property, transaction, team, …). */
  kind: z.preprocess(blankAsMissing, z.enum(AUDIT_KINDS, { error: `Kind must be one of: ${AUDIT_KINDS.join(", ")}` }).optional()),
  /** The acting user's id. */
  actor: z.preprocess(blankAsMissing, z.uuid("Actor must be a user id").optional()),
  /** First and last day (UTC, inclusive). */
  from: day("From"),
  to: day("To"),
};

const auditFilterSchema = z.object(auditFilterFields);
export type AuditFilters = z.output<typeof auditFilterSchema>;

const fromNotAfterTo = (query: { from?: string; to?: string }) => !query.from || !query.to || query.from <= query.to;
const fromNotAfterToError = { message: "From must not be after To", path: ["to"] };

export const auditListQuerySchema = z.object({ ...pageQueryFields, ...auditFilterFields }).refine(fromNotAfterTo, fromNotAfterToError);
export type AuditListQuery = z.input<typeof auditListQuerySchema>;

export const AUDIT_FILTER_FIELDS = ["action", "kind", "actor", "from", "to"] as const;

export interface AuditEventView {
  id: string;
  action: string;
  kind: AuditKind | null;
  /** The event as a sentence with names and amounts, e.g. "Jane Doe changed the price of 12 Oak St from £1 to £2". */
  label: string;
  /** The dashboard page of the object, when there is one. */
  href: string | null;
  actorUserId: string | null;
  /** Only for actors of this tenant: security events can name other tenants' users. */
  actorEmail: string | null;
  actorName: string | null;
  target: string | null;
  ip: string | null;
  metadata: Prisma.JsonValue;
  createdAt: string;
}

function impersonatingAdmin(metadata: Prisma.JsonValue): string | null {
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return null;
  const by = metadata.impersonatedBy;
  if (by === null || typeof by !== "object" || Array.isArray(by)) return null;
  return typeof by.adminEmail === "string" ? by.adminEmail : null;
}

function actorLabel(actorEmail: string | null, metadata: Prisma.JsonValue): string | null {
  const admin = impersonatingAdmin(metadata);
  return admin ? `admin ${admin} as user ${actorEmail ?? "unknown"}` : actorEmail;
}

function whereOf(tenantId: string, filters: AuditFilters): Prisma.AuditLogWhereInput[] {
  const and: Prisma.AuditLogWhereInput[] = [{ tenantId }];
  // startsWith becomes LIKE: '_' would match any character unless escaped.
  if (filters.action) and.push({ action: { startsWith: filters.action.replaceAll("_", "\\_") } });
  if (filters.kind) and.push({ action: { in: actionsOfKind(filters.kind) } });
  if (filters.actor) and.push({ actorUserId: filters.actor });
  if (filters.from) and.push({ createdAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to) and.push({ createdAt: { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return and;
}

/** This tenant's audit trail, newest first, keyset-paginated on (created_at, id), filtered by action prefix, kind, actor and days. */
export async function findAuditEventsPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: AuditListQuery = {}): Promise<Page<AuditEventView>> {
  const parsed = auditListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const tenantId = context.tenant.id;
  const and = whereOf(tenantId, query);
  if (query.cursor) and.push(olderThan(query.cursor));
  const db = sharedDbFor(tenantId);
  const rows = await db.auditLog.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });

  const actorIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const [actors, { currency }] = await Promise.all([
    db.user.findMany({ where: { id: { in: actorIds }, tenantId }, select: { id: true, email: true, name: true } }),
    getBrandingSettings(tenantId),
  ]);
  const byId = new Map(actors.map((actor) => [actor.id, actor]));
  return toPage(rows, query.limit, (row) => {
    const actor = row.actorUserId ? byId.get(row.actorUserId) : undefined;
    const admin = impersonatingAdmin(row.metadata);
    const person = actor ? actor.name?.trim() || actor.email : null;
    const actorName = admin ? `admin ${admin} as user ${person ?? "unknown"}` : person;
    return {
      id: row.id,
      action: row.action,
      ...describeAuditEvent({ action: row.action, target: row.target, metadata: row.metadata, actorName, hasActor: row.actorUserId !== null }, currency),
      actorUserId: row.actorUserId,
      actorEmail: actor?.email ?? null,
      actorName,
      target: row.target,
      ip: row.ip,
      metadata: row.metadata,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** The first page only, for pages that show one screenful. */
export async function listAuditEvents(context: Pick<TenantRequestContext, "tenant">, rawQuery: AuditListQuery = {}): Promise<AuditEventView[]> {
  return (await findAuditEventsPage(context, rawQuery)).data;
}

/** This tenant's staff (and former staff) who appear as actors, for the Activity page's actor filter. */
export async function listAuditActors(context: Pick<TenantRequestContext, "tenant">): Promise<Array<{ id: string; name: string }>> {
  const tenantId = context.tenant.id;
  const users = await sharedDbFor(tenantId).user.findMany({ where: { tenantId, role: { not: "customer" } }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" } });
  return users.map((user) => ({ id: user.id, name: user.name?.trim() || user.email }));
}
