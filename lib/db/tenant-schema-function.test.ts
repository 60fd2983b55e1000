import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateAll } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { createTenantSchemaAsPlatform } from "@/lib/db/tenant-schema-function";
import { env } from "@/lib/env/env";
import { migrationsWithExtraTenantFiles } from "@/lib/testing/migrations-fixture";

/** A tenant row in status `provisioning`, as the owner's provisioning path leaves it before the schema exists. */
async function provisioningTenant(): Promise<string> {
  const id = randomUUID();
  await ownerPool().query("INSERT INTO public.tenants (id, name, slug, plan_id) VALUES ($1, 'Fn', $2, 'standard')", [id, `fn-${randomBytes(4).toString("hex")}`]);
  return id;
}

async function errorCode(url: string, sql: string, params: unknown[]): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, params);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await client.end();
  }
}

describe("create_tenant_schema(): the web tier's only DDL path", () => {
  it("the platform role creates and migrates a provisioning tenant's schema, usable by the app role, audited", async () => {
    const tenantId = await provisioningTenant();
    expect(await createTenantSchemaAsPlatform(tenantId)).toBe(tenantSchemaName(tenantId));
    const schema = tenantSchemaName(tenantId);
    const { rows: applied } = await ownerPool().query<{ version: string }>("SELECT version FROM public.schema_migrations WHERE schema_name = $1 ORDER BY version", [schema]);
    expect(applied.map((row) => row.version)).toEqual(["0001", "0002", "0003", "0004", "0005", "0006"]);
    const app = new pg.Client({ connectionString: env().APP_DATABASE_URL });
    await app.connect();
    await app.query(`INSERT INTO "${schema}".properties (name, address, price, type) VALUES ('Row', 'Addr', 1, 'house')`);
    expect((await app.query(`SELECT count(*)::int AS n FROM "${schema}".properties`)).rows[0]).toEqual({ n: 1 });
    await app.end();
    const audit = await ownerPool().query("SELECT target, metadata FROM public.audit_logs WHERE tenant_id = $1 AND action = 'tenant.schema_created'", [tenantId]);
    expect(audit.rows).toEqual([{ target: schema, metadata: { migrationsApplied: 6, by: env().PLATFORM_DB_ROLE } }]);
    // Again: nothing more to apply, and the migrator agrees the schema is current.
    await createTenantSchemaAsPlatform(tenantId);
    expect((await ownerPool().query("SELECT count(*)::int AS n FROM public.schema_migrations WHERE schema_name = $1", [schema])).rows[0]).toEqual({ n: 6 });
  });

  it("refuses a uuid with no provisioning tenant row, an active tenant, and a null id; creates nothing", async () => {
    const stranger = randomUUID();
    await expect(createTenantSchemaAsPlatform(stranger)).rejects.toThrow(/is being provisioned/);
    const active = await provisioningTenant();
    await ownerPool().query("UPDATE public.tenants SET status = 'active' WHERE id = $1", [active]);
    await expect(createTenantSchemaAsPlatform(active)).rejects.toThrow(/is being provisioned/);
    expect(await errorCode(env().PLATFORM_DATABASE_URL, "SELECT public.create_tenant_schema(NULL)", [])).toBe("22004");
    const { rows } = await ownerPool().query("SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)", [[tenantSchemaName(stranger), tenantSchemaName(active)]]);
    expect(rows).toEqual([]);
  });

  it("only the platform role may call it; the app role and PUBLIC may not", async () => {
    const tenantId = await provisioningTenant();
    expect(await errorCode(env().APP_DATABASE_URL, "SELECT public.create_tenant_schema($1)", [tenantId])).toBe("42501");
    const { rows } = await ownerPool().query("SELECT has_function_privilege('public', 'public.create_tenant_schema(uuid)', 'EXECUTE') AS public_may");
    expect(rows[0]).toEqual({ public_may: false });
  });

  it("applies the tenant migrations of the last migrate, including new ones", async () => {
    const root = await migrationsWithExtraTenantFiles({ "0960_viewing_slots.sql": "CREATE TABLE viewing_slots (id serial PRIMARY KEY, starts_at timestamptz NOT NULL);" });
    await migrateAll({ migrationsRoot: root });
    const tenantId = await provisioningTenant();
    await createTenantSchemaAsPlatform(tenantId);
    const { rows } = await ownerPool().query("SELECT to_regclass($1) IS NOT NULL AS exists", [`${tenantSchemaName(tenantId)}.viewing_slots`]);
    expect(rows[0]).toEqual({ exists: true });
  });
});
