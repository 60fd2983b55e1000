import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAll } from "@/lib/db/migrator";
import { env } from "@/lib/env/env";
import { migrationsWithExtraTenantFiles } from "@/lib/testing/migrations-fixture";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";

// The app connects as the least-privilege role; these run as that role over its own login.
describe("app role privileges", () => {
  let app: pg.Client;
  let tenant: SeededTenant;

  beforeAll(async () => {
    tenant = await seedTenant();
    app = new pg.Client({ connectionString: env().APP_DATABASE_URL });
    await app.connect();
  });
  afterAll(() => app.end());

  function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
    return promise.then(
      () => undefined,
      (error: { code?: string }) => error.code,
    );
  }

  it("logs in as a role without superuser, CREATEDB or CREATEROLE", async () => {
    const { rows } = await app.query("SELECT current_user AS role, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user");
    expect(rows[0]).toEqual({ role: env().APP_DB_ROLE, rolsuper: false, rolcreatedb: false, rolcreaterole: false });
  });

  it("cannot create schemas", async () => {
    expect(await errorCode(app.query("CREATE SCHEMA sneaky"))).toBe("42501");
  });

  it("cannot create or drop tables in public or a tenant schema", async () => {
    expect(await errorCode(app.query("CREATE TABLE public.sneaky (id int)"))).toBe("42501");
    expect(await errorCode(app.query(`CREATE TABLE "${tenant.schema}".sneaky (id int)`))).toBe("42501");
    expect(await errorCode(app.query(`DROP TABLE "${tenant.schema}".properties`))).toBe("42501");
    expect(await errorCode(app.query("DROP TABLE public.tenants"))).toBe("42501");
    expect(await errorCode(app.query(`ALTER TABLE "${tenant.schema}".properties ADD COLUMN x int`))).toBe("42501");
    expect(await errorCode(app.query(`DROP SCHEMA "${tenant.schema}" CASCADE`))).toBe("42501");
  });

  it("cannot rewrite migration history or plans", async () => {
    expect(await errorCode(app.query("DELETE FROM public.schema_migrations"))).toBe("42501");
    expect(await errorCode(app.query("UPDATE public.plans SET name = 'Free'"))).toBe("42501");
  });

  it("can read and write rows, which is all the app needs", async () => {
    await app.query(`INSERT INTO "${tenant.schema}".properties (name, address, price, type) VALUES ('Row', 'Addr', 1, 'house')`);
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM "${tenant.schema}".properties`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("can use tables that later migrations add, without a catalog-wide re-grant", async () => {
    const root = await migrationsWithExtraTenantFiles({ "0950_viewings.sql": "CREATE TABLE viewings (id serial PRIMARY KEY, note text);" });
    await migrateAll({ migrationsRoot: root });
    await app.query(`INSERT INTO "${tenant.schema}".viewings (note) VALUES ('Saturday 10:00')`);
    const { rows } = await app.query(`SELECT note FROM "${tenant.schema}".viewings`);
    expect(rows).toEqual([{ note: "Saturday 10:00" }]);
    expect(await errorCode(app.query(`DROP TABLE "${tenant.schema}".viewings`))).toBe("42501");
  });

  it("PUBLIC has no access to tenant schemas", async () => {
    const { rows } = await app.query("SELECT has_schema_privilege('public', $1, 'USAGE') AS usage", [tenant.schema]);
    expect(rows[0]).toEqual({ usage: false });
  });
});
