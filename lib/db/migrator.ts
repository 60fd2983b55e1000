import type pg from "pg";
import { appDatabaseRole, env, platformDatabaseRole } from "@/lib/env/env";
import { ensureAppRole, grantPlatformRole, grantSharedSchema, grantTenantSchema } from "./grants";
import { loadMigrations, type Migration } from "./migrations";
import { inTransaction, ownerPool } from "./pools";
import { quoteIdent, tenantSchemaName } from "./schema-name";
import { installTenantSchemaFunction } from "./tenant-schema-function";

const MIGRATOR_LOCK_KEY = 4_727_001;
const SHARED_SCHEMA = "public";

export interface TenantMigrationFailure {
  tenantId: string;
  schema: string;
  error: string;
}

export interface MigrationSummary {
  shared: { applied: string[] };
  tenants: { total: number; migrated: number; upToDate: number; failed: TenantMigrationFailure[] };
  appliedTenantMigrations: number;
}

export interface MigrateOptions {
  concurrency?: number;
  migrationsRoot?: string;
  onTenantDone?: (done: number, total: number) => void;
}

async function ensureBookkeeping(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS public.schema_migrations (
      schema_name text NOT NULL,
      version     text NOT NULL,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (schema_name, version)
    )`);
}

/**
 * Applies to `schema` the migrations it lacks, inside the caller's transaction. A per-schema
 * transaction lock makes concurrent migrators and provisioning wait instead of applying twice.
 */
export async function applyMigrations(client: pg.ClientBase, schema: string, migrations: Migration[]): Promise<string[]> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [MIGRATOR_LOCK_KEY, schema]);
  const { rows } = await client.query<{ version: string; checksum: string }>(
    "SELECT version, checksum FROM public.schema_migrations WHERE schema_name = $1",
    [schema],
  );
  const applied = new Map(rows.map((row) => [row.version, row.checksum]));
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const checksum = applied.get(migration.version);
    if (checksum === undefined) pending.push(migration);
    else if (checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.version}_${migration.name} was changed after it was applied to ${schema}`);
    }
  }
  if (pending.length === 0) return [];
  await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
  for (const migration of pending) {
    await client.query(migration.sql);
    await client.query(
      "INSERT INTO public.schema_migrations (schema_name, version, name, checksum) VALUES ($1, $2, $3, $4)",
      [schema, migration.version, migration.name, migration.checksum],
    );
  }
  await client.query("SET LOCAL search_path TO public");
  return pending.map((migration) => migration.version);
}

/** Creates a tenant schema (if missing), applies its migrations and grants, in the caller's transaction. */
export async function migrateTenantSchemaIn(client: pg.ClientBase, tenantId: string, migrations: Migration[]): Promise<string[]> {
  const schema = tenantSchemaName(tenantId);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  await grantTenantSchema(client, schema, appDatabaseRole());
  return applyMigrations(client, schema, migrations);
}

/** Shared schema first (bookkeeping, app and platform roles, grants, policies); returns the versions it applied. */
export async function migrateShared(migrationsRoot = env().MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await loadMigrations(migrationsRoot, "shared");
  const tenantMigrations = await loadMigrations(migrationsRoot, "tenant");
  return inTransaction(ownerPool(), async (client) => {
    await ensureBookkeeping(client);
    await ensureAppRole(client, appDatabaseRole(), env().APP_DB_PASSWORD);
    await ensureAppRole(client, platformDatabaseRole(), env().PLATFORM_DB_PASSWORD);
    const applied = await applyMigrations(client, SHARED_SCHEMA, migrations);
    await grantSharedSchema(client, appDatabaseRole());
    await grantPlatformRole(client, platformDatabaseRole());
    await installTenantSchemaFunction(client, tenantMigrations, appDatabaseRole(), platformDatabaseRole());
    return applied;
  });
}

/** Tenants whose schemas exist and must follow migrations. Provisioning ones migrate themselves. */
async function migratableTenants(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    "SELECT id FROM public.tenants WHERE status IN ('active', 'suspended') ORDER BY created_at, id",
  );
  return rows.map((row) => row.id);
}

async function appliedVersionsBySchema(client: pg.ClientBase): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ schema_name: string; versions: string[] }>(
    "SELECT schema_name, array_agg(version) AS versions FROM public.schema_migrations GROUP BY schema_name",
  );
  return new Map(rows.map((row) => [row.schema_name, new Set(row.versions)]));
}

/**
 * Migrates `public`, then every tenant schema in its own transaction, `concurrency` at a time.
 * One migrator runs at a time (session advisory lock); a failing tenant is reported, not fatal.
 */
export async function migrateAll(options: MigrateOptions = {}): Promise<MigrationSummary> {
  const migrationsRoot = options.migrationsRoot ?? env().MIGRATIONS_DIR;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const lockClient = await ownerPool().connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATOR_LOCK_KEY]);
    const sharedApplied = await migrateShared(migrationsRoot);
    const tenantMigrations = await loadMigrations(migrationsRoot, "tenant");
    const tenantIds = await migratableTenants(lockClient);
    const appliedBySchema = await appliedVersionsBySchema(lockClient);
    const pending = tenantIds.filter((id) => {
      const applied = appliedBySchema.get(tenantSchemaName(id));
      return !applied || tenantMigrations.some((migration) => !applied.has(migration.version));
    });

    const failed: TenantMigrationFailure[] = [];
    let migrated = 0;
    let appliedTenantMigrations = 0;
    let done = tenantIds.length - pending.length;
    options.onTenantDone?.(done, tenantIds.length);
    let next = 0;
    const worker = async () => {
      while (next < pending.length) {
        const tenantId = pending[next++]!;
        try {
          const applied = await inTransaction(ownerPool(), (client) =>
            migrateTenantSchemaIn(client, tenantId, tenantMigrations),
          );
          if (applied.length > 0) migrated++;
          appliedTenantMigrations += applied.length;
        } catch (error) {
          failed.push({ tenantId, schema: tenantSchemaName(tenantId), error: (error as Error).message });
        }
        options.onTenantDone?.(++done, tenantIds.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, pending.length)) }, worker));

    return {
      shared: { applied: sharedApplied },
      tenants: { total: tenantIds.length, migrated, upToDate: tenantIds.length - migrated - failed.length, failed },
      appliedTenantMigrations,
    };
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATOR_LOCK_KEY]).catch(() => undefined);
    lockClient.release();
  }
}
