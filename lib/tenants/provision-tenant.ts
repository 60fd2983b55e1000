import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password-hash";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { loadMigrations, type Migration } from "@/lib/db/migrations";
import { migrateTenantSchemaIn } from "@/lib/db/migrator";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { sharedDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { sendWelcomeMail } from "@/lib/mail/welcome-mail";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { publishTenantChange } from "./publish-tenant-change";
import { createTenantSchema, type CreateTenantInput } from "./tenant-input";

export interface ProvisionedTenant {
  id: string;
  slug: string;
  name: string;
  schema: string;
  status: "active";
  plan: string;
  adminEmail: string;
  adminUserId: string;
  setPasswordUrl: string;
}

export interface ProvisionOptions {
  /** Tenant migrations to apply; defaults to prisma/migrations/tenant. */
  tenantMigrations?: Migration[];
  sendWelcome?: boolean;
  /** The platform admin who asked (the console), recorded on the tenant.provisioned event. */
  actorUserId?: string | null;
  /** Told as each step is done (the console shows them as progress). */
  onStep?: (step: ProvisionStep) => void | Promise<void>;
}

export type ProvisionStep = "slug-claimed" | "schema-migrated" | "owner-created" | "activated" | "welcome-sent";

/**
 * Creates a tenant: claims the slug (status provisioning), then in ONE owner transaction creates its
 * schema, migrates it, grants the app role, adds the owner user, default settings and set-password
 * token, and flips it to active. Any failure rolls that transaction back and releases the slug, so no
 * half-built tenant is ever active. A row left in `provisioning` by a crash is resumed by a create
 * with the same slug five minutes later.
 */
export async function provisionTenant(rawInput: CreateTenantInput, options: ProvisionOptions = {}): Promise<ProvisionedTenant> {
  const parsed = createTenantSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create tenant");
  const input = parsed.data;

  const plan = await sharedDb().plan.findUnique({ where: { id: input.plan } });
  if (!plan) {
    const plans = (await sharedDb().plan.findMany({ select: { id: true } })).map((p) => p.id);
    throw new AppError({
      code: "validation_failed",
      message: `Cannot create tenant: unknown plan "${input.plan}" (one of ${plans.join(", ")})`,
      fieldErrors: { plan: [`Unknown plan "${input.plan}"`] },
    });
  }

  const migrations = options.tenantMigrations ?? (await loadMigrations(env().MIGRATIONS_DIR, "tenant"));
  const passwordHash = input.adminPassword ? await hashPassword(input.adminPassword) : null;
  const tenantId = await claimSlug(input.slug, input.name, plan.id);
  await options.onStep?.("slug-claimed");

  let created: { adminUserId: string; token: string };
  try {
    created = await inTransaction(ownerPool(), async (client) => {
      await lockProvisioningRow(client, tenantId, input.slug);
      await migrateTenantSchemaIn(client, tenantId, migrations);
      await options.onStep?.("schema-migrated");
      const adminUserId = await insertOwner(client, tenantId, input.adminEmail, passwordHash);
      await client.query("INSERT INTO public.tenant_settings (tenant_id) VALUES ($1)", [tenantId]);
      const { token } = await issuePasswordToken(client, adminUserId, "set_password");
      await options.onStep?.("owner-created");
      await client.query("UPDATE public.tenants SET status = 'active', updated_at = now() WHERE id = $1", [tenantId]);
      await recordAuditEvent({ tenantId, actorUserId: options.actorUserId ?? null, action: "tenant.provisioned", target: input.slug, metadata: { plan: plan.id, adminEmail: input.adminEmail } }, client);
      return { adminUserId, token };
    });
  } catch (error) {
    await ownerPool()
      .query("DELETE FROM public.tenants WHERE id = $1 AND status = 'provisioning'", [tenantId])
      .catch((cleanupError: unknown) => logger.error({ err: cleanupError, tenantId }, "could not release slug after failed provisioning"));
    if (error instanceof AppError) throw error;
    logger.error({ err: error, tenantId, slug: input.slug }, "tenant provisioning failed and was rolled back");
    throw new AppError({
      code: "internal",
      message: `Provisioning "${input.slug}" failed and was rolled back; nothing was created (${(error as Error).message})`,
      cause: error,
    });
  }

  const setPasswordUrl = `${tenantBaseUrl(input.slug)}/set-password?token=${created.token}`;
  await publishTenantChange(tenantId);
  await options.onStep?.("activated");
  if (options.sendWelcome !== false) {
    await sendWelcomeMail({ to: input.adminEmail, tenantName: input.name, setPasswordUrl }).catch((error: unknown) =>
      logger.error({ err: error, tenantId }, "welcome mail could not be sent; the set-password link is in the CLI output"),
    );
    await options.onStep?.("welcome-sent");
  }
  logger.info({ tenantId, slug: input.slug }, "tenant provisioned");

  return {
    id: tenantId,
    slug: input.slug,
    name: input.name,
    schema: tenantSchemaName(tenantId),
    status: "active",
    plan: plan.id,
    adminEmail: input.adminEmail,
    adminUserId: created.adminUserId,
    setPasswordUrl,
  };
}

async function claimSlug(slug: string, name: string, planId: string): Promise<string> {
  const inserted = await ownerPool().query<{ id: string }>(
    `INSERT INTO public.tenants (name, slug, plan_id, status) VALUES ($1, $2, $3, 'provisioning')
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [name, slug, planId],
  );
  if (inserted.rows[0]) return inserted.rows[0].id;
  // Resume only rows abandoned by a crashed create, never one that is being provisioned right now.
  const abandoned = await ownerPool().query<{ id: string }>(
    `SELECT id FROM public.tenants
     WHERE slug = $1 AND status = 'provisioning' AND created_at < now() - interval '5 minutes'`,
    [slug],
  );
  if (abandoned.rows[0]) return abandoned.rows[0].id;
  throw new AppError({
    code: "conflict",
    message: `Cannot create tenant: the slug "${slug}" is already taken`,
    fieldErrors: { slug: ["This slug is already taken"] },
  });
}

/** Serialises two creates of the same slug: the second waits, then sees it is no longer provisioning. */
async function lockProvisioningRow(client: pg.ClientBase, tenantId: string, slug: string): Promise<void> {
  const { rows } = await client.query<{ status: string }>("SELECT status FROM public.tenants WHERE id = $1 FOR UPDATE", [tenantId]);
  if (rows[0]?.status !== "provisioning") {
    throw new AppError({
      code: "conflict",
      message: `Cannot create tenant: the slug "${slug}" is already taken`,
      fieldErrors: { slug: ["This slug is already taken"] },
    });
  }
}

async function insertOwner(client: pg.ClientBase, tenantId: string, email: string, passwordHash: string | null): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO public.users (tenant_id, email, role, password_hash, status)
     VALUES ($1, $2, 'owner', $3, $4) RETURNING id`,
    [tenantId, email, passwordHash, passwordHash ? "active" : "invited"],
  );
  return rows[0]!.id;
}
