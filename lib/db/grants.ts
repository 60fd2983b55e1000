import type pg from "pg";
import { quoteIdent } from "./schema-name";

/** Creates the least-privilege login role if missing: no superuser, no CREATEDB/CREATEROLE, owns nothing. */
export async function ensureAppRole(client: pg.ClientBase, role: string, password?: string): Promise<void> {
  const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  if (exists.rowCount !== 0) return;
  // The password is set only on creation: a later `migrate` with another APP_DB_PASSWORD must not lock out running apps.
  const withPassword = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
  try {
    await client.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT${withPassword}`);
  } catch (error) {
    // Another database of the same cluster created it first (roles are cluster-wide).
    if (!isDuplicateRoleError(error)) throw error;
  }
}

function isDuplicateRoleError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "42710" || code === "23505";
}

/** Grants on `public`: read/write shared rows, read-only migration bookkeeping, no DDL. */
export async function grantSharedSchema(client: pg.ClientBase, role: string): Promise<void> {
  const r = quoteIdent(role);
  await client.query(`
    DO $grant$ BEGIN
      EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database());
      EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ${r.replaceAll("'", "''")}', current_database());
    END $grant$;
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE INSERT, UPDATE, DELETE ON public.schema_migrations FROM ${r};
    REVOKE INSERT, UPDATE, DELETE ON public.plans FROM ${r};
    -- Audit logs are append-only; a tenant's own row is read, and only its custom-domain columns change
    -- (creating, renaming, suspending, re-planning a tenant is the operator's: owner role).
    REVOKE UPDATE, DELETE ON public.audit_logs FROM ${r};
    REVOKE INSERT, UPDATE, DELETE ON public.tenants FROM ${r};
    GRANT UPDATE (${TENANT_COLUMNS_APP_MAY_UPDATE.join(", ")}) ON public.tenants TO ${r};
    GRANT EXECUTE ON FUNCTION public.release_domain_claims(uuid, text) TO ${r};
  `);
  await setRoleTimeouts(client, role);
}

/** The custom-domain flow's columns: the only ones of its own tenant row the app role may change. */
const TENANT_COLUMNS_APP_MAY_UPDATE = [
  "custom_domain",
  "custom_domain_verified",
  "dns_verification_token",
  "custom_domain_verified_at",
  "custom_domain_checked_at",
  "custom_domain_failing_since",
  "custom_domain_claimed_at",
  "updated_at",
];

/** Maintenance mode (admin console, lib/maintenance): the only columns of a tenant row the platform role may change. */
const TENANT_COLUMNS_PLATFORM_MAY_UPDATE = ["maintenance_started_at", "maintenance_message", "maintenance_until", "updated_at"];

/**
 * Limits for the request-serving roles, applied to every new connection of the role: no statement runs
 * longer than a request should, and no transaction left open by a crashed request holds locks.
 */
export const ROLE_TIMEOUTS = { statement_timeout: "10s", idle_in_transaction_session_timeout: "30s" } as const;

async function setRoleTimeouts(client: pg.ClientBase, role: string): Promise<void> {
  for (const [setting, value] of Object.entries(ROLE_TIMEOUTS)) {
    await client.query(`ALTER ROLE ${quoteIdent(role)} SET ${setting} = ${client.escapeLiteral(value)}`);
  }
}

/**
 * The platform role: what runs before or outside any tenant — host → tenant routing, the TLS check,
 * custom-domain uniqueness, the admin console's tenant list, and platform admins (users with tenant_id
 * NULL, their password tokens and audit events). It reads every tenant's routing row but no tenant's
 * users, tokens or settings, and has no DDL. Its policies name it, so they are made here, idempotently.
 */
export async function grantPlatformRole(client: pg.ClientBase, role: string): Promise<void> {
  const r = quoteIdent(role);
  await client.query(`
    DO $grant$ BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${r.replaceAll("'", "''")}', current_database());
    END $grant$;
    GRANT USAGE ON SCHEMA public TO ${r};
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r};
    GRANT SELECT ON public.tenants, public.plans TO ${r};
    GRANT SELECT, INSERT, UPDATE ON public.users TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON public.password_tokens TO ${r};
    GRANT SELECT, INSERT ON public.audit_logs TO ${r};
    GRANT SELECT ON public.tenant_health, public.analytics_snapshots, public.analytics_tenant_usage TO ${r};
    GRANT UPDATE (${TENANT_COLUMNS_PLATFORM_MAY_UPDATE.join(", ")}) ON public.tenants TO ${r};
    GRANT SELECT, INSERT, UPDATE ON public.impersonation_sessions TO ${r};
    GRANT EXECUTE ON FUNCTION public.provision_tenant_from_web(text, text, text, text, text, timestamptz, text) TO ${r};
    GRANT EXECUTE ON FUNCTION public.find_staff_workspaces(text) TO ${r};
    GRANT EXECUTE ON FUNCTION public.platform_audit_events(text[], text, timestamptz, timestamptz, timestamptz, uuid, int) TO ${r};
    GRANT EXECUTE ON FUNCTION public.platform_profile_overrides() TO ${r};
    GRANT SELECT, INSERT ON public.admin_operations TO ${r};
  `);
  const platformAdminUsers = "user_id IN (SELECT id FROM public.users WHERE tenant_id IS NULL)";
  const policies: Array<{ table: string; name: string; command: "ALL" | "SELECT" | "INSERT" | "UPDATE"; using?: string; check?: string }> = [
    { table: "tenants", name: "platform_routing", command: "SELECT", using: "true" },
    { table: "users", name: "platform_admins", command: "ALL", using: "tenant_id IS NULL", check: "tenant_id IS NULL" },
    { table: "password_tokens", name: "platform_admin_tokens", command: "ALL", using: platformAdminUsers, check: platformAdminUsers },
    { table: "audit_logs", name: "platform_events_read", command: "SELECT", using: "tenant_id IS NULL" },
    { table: "audit_logs", name: "platform_events_append", command: "INSERT", check: "tenant_id IS NULL" },
    { table: "tenants", name: "platform_maintenance", command: "UPDATE", using: "true", check: "true" },
    { table: "impersonation_sessions", name: "platform_impersonations", command: "ALL", using: "true", check: "true" },
    { table: "tenant_health", name: "platform_health_read", command: "SELECT", using: "true" },
    { table: "analytics_snapshots", name: "platform_analytics_read", command: "SELECT", using: "true" },
    { table: "analytics_tenant_usage", name: "platform_analytics_usage_read", command: "SELECT", using: "true" },
    // The console queues its mutations; only a process with the owner credentials runs them (lib/admin-operations).
    { table: "admin_operations", name: "platform_operations_read", command: "SELECT", using: "true" },
    { table: "admin_operations", name: "platform_operations_request", command: "INSERT", check: "status = 'queued' AND started_at IS NULL AND result IS NULL AND error IS NULL" },
  ];
  for (const policy of policies) {
    const exists = await client.query("SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = $1 AND policyname = $2", [policy.table, policy.name]);
    if (exists.rowCount !== 0) continue;
    const using = policy.using ? ` USING (${policy.using})` : "";
    const check = policy.check ? ` WITH CHECK (${policy.check})` : "";
    await client.query(`CREATE POLICY ${policy.name} ON public.${quoteIdent(policy.table)} FOR ${policy.command} TO ${r}${using}${check}`);
  }
  await setRoleTimeouts(client, role);
}

/**
 * Grants on one tenant schema, set before its migrations run: row access for the app role only,
 * PUBLIC gets nothing. Default privileges cover every table the owner creates in it later; a
 * `GRANT … ON ALL TABLES IN SCHEMA` instead scans the whole catalog, which grows with every tenant.
 */
export async function grantTenantSchema(client: pg.ClientBase, schema: string, role: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await client.query(`
    REVOKE ALL ON SCHEMA ${s} FROM PUBLIC;
    GRANT USAGE ON SCHEMA ${s} TO ${r};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r};
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${r};
  `);
}
