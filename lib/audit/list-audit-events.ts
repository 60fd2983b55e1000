import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { olderThan, pageQueryFields, toPage, type Page } from "@/lib/pagination/keyset-cursor";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export const auditListQuerySchema = z.object({
  ...pageQueryFields,
  /** "team." matches team.invited, team.role_changed, …; "lead.created" matches only itself. */
  action: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().max(100).regex(/^[a-z0-9_.]+$/, "Letters, digits, '_' and '.' only").optional(),
  ),
});
export type AuditListQuery = z.input<typeof auditListQuerySchema>;

export interface AuditEventView {
  id: string;
  action: string;
  actorUserId: string | null;
  /** Only for actors of this tenant: security events can name other tenants' users. */
  actorEmail: string | null;
  /** Who acted, for people: the email, or "admin X as user Y" for an impersonation (metadata.impersonatedBy). */
  actorLabel: string | null;
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

/** This tenant's audit trail, newest first, keyset-paginated on (created_at, id), optionally by action prefix. */
export async function findAuditEventsPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: AuditListQuery = {}): Promise<Page<AuditEventView>> {
  const parsed = auditListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const tenantId = context.tenant.id;
  const and: Prisma.AuditLogWhereInput[] = [{ tenantId }];
  // startsWith becomes LIKE: '_' would match any character unless escaped.
  if (query.action) and.push({ action: { startsWith: query.action.replaceAll("_", "\\_") } });
  if (query.cursor) and.push(olderThan(query.cursor));
  const rows = await sharedDbFor(tenantId).auditLog.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });

  const actorIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const actors = await sharedDbFor(tenantId).user.findMany({ where: { id: { in: actorIds }, tenantId }, select: { id: true, email: true } });
  const emails = new Map(actors.map((actor) => [actor.id, actor.email]));
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    action: row.action,
    actorUserId: row.actorUserId,
    actorEmail: row.actorUserId ? (emails.get(row.actorUserId) ?? null) : null,
    actorLabel: actorLabel(row.actorUserId ? (emails.get(row.actorUserId) ?? null) : null, row.metadata),
    target: row.target,
    ip: row.ip,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** The first page only, for pages that show one screenful. */
export async function listAuditEvents(context: Pick<TenantRequestContext, "tenant">, rawQuery: AuditListQuery = {}): Promise<AuditEventView[]> {
  return (await findAuditEventsPage(context, rawQuery)).data;
}
