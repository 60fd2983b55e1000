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
  `);
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
