import { z } from "zod";
import { createBackup } from "@/lib/backups/create-backup";
import { restoreToTime } from "@/lib/backups/pitr/restore-to-time";
import { restoreBackup } from "@/lib/backups/restore-backup";
import { AppError } from "@/lib/errors/app-error";
import { optimizeTenant } from "@/lib/health/optimize-tenant";
import { PLAN_IDS } from "@/lib/plans/plans";
import { parseFeatureFlag, setFeatureFlag } from "@/lib/tenant-profile/set-feature-flag";
import { setTenantPlan } from "@/lib/tenant-profile/set-tenant-plan";
import { deleteTenant } from "@/lib/tenants/delete-tenant";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { reactivateTenant, suspendTenant } from "@/lib/tenants/suspend-tenant";
import { createTenantSchema } from "@/lib/tenants/tenant-input";

/** Bodies of the admin API's tenant mutations (docs/admin-console-actions.md); the routes parse them, zod → 422. */
export const suspendBodySchema = z.strictObject({
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(500, "The reason must be at most 500 characters"),
});
export const planBodySchema = z.strictObject({ plan: z.enum(PLAN_IDS, "Unknown plan"), force: z.boolean().optional() });
export const flagBodySchema = z.strictObject({ enabled: z.boolean() });
export const restoreBodySchema = z.union([
  z.strictObject({ backupId: z.string().trim().min(1).max(200) }),
  z.strictObject({ at: z.iso.datetime({ offset: true, message: "at must be an ISO 8601 time, e.g. 2026-12-01T10:15:00Z" }) }),
]);
/** `apply: false` is the read-only report (a snapshot the tenant page shows); `true` vacuums stale tables and creates suggested indexes. */
export const optimizeBodySchema = z.strictObject({ apply: z.boolean("apply must be true or false") });
export const deleteBodySchema = z.strictObject({ confirmSlug: z.string().trim().min(1, "Type the tenant's slug to confirm") });
/** The console creates a tenant without a password: its owner gets the set-password mail. */
export const createTenantBodySchema = createTenantSchema.omit({ adminPassword: true }).strict();

const flagOperationSchema = z.strictObject({ flag: z.string(), enabled: z.boolean().nullable() });
const emptySchema = z.strictObject({});

export type StepReporter = (step: string) => Promise<void>;

interface RunArgs<Input> {
  slug: string | null;
  input: Input;
  actorUserId: string;
  step: StepReporter;
}

export interface AdminOperationDefinition {
  /** Parses what was queued (the route parsed it already; the worker does not trust the table). */
  run(args: RunArgs<unknown>): Promise<unknown>;
}

function defineOperation<Schema extends z.ZodType>(schema: Schema, run: (args: RunArgs<z.output<Schema>>) => Promise<unknown>): AdminOperationDefinition {
  return { run: ({ input, ...rest }) => run({ ...rest, input: schema.parse(input) }) };
}

function tenantSlug(slug: string | null): string {
  if (!slug) throw new AppError({ code: "bad_request", message: "This operation needs a tenant" });
  return slug;
}

/** Every mutation the admin console queues, by kind; each runs as the operator and is audited as the acting admin. */
export const ADMIN_OPERATIONS = {
  "tenant.create": defineOperation(createTenantBodySchema, async ({ input, actorUserId, step }) => {
    const tenant = await provisionTenant(input, { actorUserId, onStep: step });
    return { id: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan, status: tenant.status, adminEmail: tenant.adminEmail };
  }),
  "tenant.suspend": defineOperation(suspendBodySchema, ({ slug, input, actorUserId }) => suspendTenant(tenantSlug(slug), { reason: input.reason, actorUserId })),
  "tenant.reactivate": defineOperation(emptySchema, ({ slug, actorUserId }) => reactivateTenant(tenantSlug(slug), { actorUserId })),
  "tenant.plan": defineOperation(planBodySchema, ({ slug, input, actorUserId }) => setTenantPlan(tenantSlug(slug), input.plan, { force: input.force, actorUserId })),
  "tenant.flag": defineOperation(flagOperationSchema, ({ slug, input, actorUserId }) => setFeatureFlag(tenantSlug(slug), parseFeatureFlag(input.flag), input.enabled, actorUserId)),
  "tenant.backup": defineOperation(emptySchema, async ({ slug, step }) => {
    const { summary } = await createBackup(tenantSlug(slug), { kind: "manual" });
    await step("backup-written");
    return summary;
  }),
  "tenant.restore": defineOperation(restoreBodySchema, async ({ slug, input, step }) => {
    if ("backupId" in input) return restoreBackup(input.backupId, { toSlug: tenantSlug(slug), onStep: step });
    return restoreToTime(tenantSlug(slug), input.at);
  }),
  // VACUUM and pg_stat_statements need the owner role, which only the operator process has.
  "tenant.optimize": defineOperation(optimizeBodySchema, async ({ slug, input }) => optimizeTenant(await findTenantBySlug(tenantSlug(slug)), { apply: input.apply })),
  "tenant.delete": defineOperation(emptySchema, ({ slug, actorUserId }) => deleteTenant(tenantSlug(slug), actorUserId)),
} satisfies Record<string, AdminOperationDefinition>;

export type AdminOperationKind = keyof typeof ADMIN_OPERATIONS;

export function isAdminOperationKind(kind: string): kind is AdminOperationKind {
  return Object.hasOwn(ADMIN_OPERATIONS, kind);
}
