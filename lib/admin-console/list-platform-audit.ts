import { z } from "zod";
import { platformPool } from "@/lib/db/pools";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/keyset-cursor";
import { slugSchema } from "@/lib/tenancy/slug";

/**
 * The admin console's Audit and Security pages (GET /api/admin/audit): events across every tenant and the
 * platform's own, newest first, through `platform_audit_events` (migration 0019).
 */
export const PLATFORM_AUDIT_VIEWS = {
  all: null,
  /** Cross-tenant attempts, refused permissions and hand-offs, admin-API refusals, sign-in lockouts. */
  security: ["security.", "auth.account_locked", "auth.ip_locked"],
} as const satisfies Record<string, readonly string[] | null>;
export type PlatformAuditView = keyof typeof PLATFORM_AUDIT_VIEWS;

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);
const day = z.preprocess(blankAsAbsent, z.iso.date("Use a date like 2026-12-01").optional());

export const platformAuditQuerySchema = z
  .object({
    view: z.preprocess(blankAsAbsent, z.enum(Object.keys(PLATFORM_AUDIT_VIEWS) as [PlatformAuditView, ...PlatformAuditView[]]).default("all")),
    tenant: z.preprocess(blankAsAbsent, slugSchema.optional()),
    action: z.preprocess(blankAsAbsent, z.string().regex(/^[a-z_.]{1,60}$/, "An event name or its start, like security. or tenant.suspended").optional()),
    from: day,
    to: day,
    cursor: z.preprocess(blankAsAbsent, z.string().max(200).optional()),
    limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "From cannot be after To", path: ["from"] });
export type PlatformAuditQuery = z.output<typeof platformAuditQuerySchema>;

export interface PlatformAuditRow {
  id: string;
  createdAt: string;
  /** Null for the platform's own events (platform admins, sign-ins on the admin host). */
  tenant: { slug: string; name: string } | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  metadata: unknown;
}

interface AuditRecord {
  id: string;
  created_at: Date;
  tenant_slug: string | null;
  tenant_name: string | null;
  actor_email: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  metadata: unknown;
}

/** The action prefixes to match: the view's, narrowed by an action filter (which never leaves the view). */
function actionPrefixes(query: PlatformAuditQuery): string[] | null {
  const view: readonly string[] | null = PLATFORM_AUDIT_VIEWS[query.view];
  const action = query.action;
  if (!action) return view ? [...view] : null;
  if (!view || view.some((prefix) => action.startsWith(prefix))) return [action];
  return view.filter((prefix) => prefix.startsWith(action));
}

export async function listPlatformAudit(query: PlatformAuditQuery): Promise<Page<PlatformAuditRow>> {
  const prefixes = actionPrefixes(query);
  const before = query.cursor ? decodeCursor(query.cursor) : null;
  const { rows } = await platformPool().query<AuditRecord>("SELECT * FROM public.platform_audit_events($1, $2, $3, $4, $5, $6, $7)", [
    prefixes,
    query.tenant ?? null,
    query.from ? new Date(`${query.from}T00:00:00Z`) : null,
    query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : null,
    before?.at ?? null,
    before?.id ?? null,
    query.limit + 1,
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      id: row.id,
      createdAt: row.created_at.toISOString(),
      tenant: row.tenant_slug && row.tenant_name ? { slug: row.tenant_slug, name: row.tenant_name } : null,
      actorEmail: row.actor_email,
      action: row.action,
      target: row.target,
      ip: row.ip,
      metadata: row.metadata,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}
