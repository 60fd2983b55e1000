import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { loadMigrations } from "@/lib/db/migrations";
import { migrateAll } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { migrationsWithExtraTenantFiles } from "@/lib/testing/migrations-fixture";
import { resetTenants, seedTenant } from "@/lib/testing/seed-tenant";

async function columnsOf(schema: string, table: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name",
    [schema, table],
  );
  return rows.map((row) => row.column_name);
}

async function appliedVersions(schema: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ version: string }>(
    "SELECT version FROM public.schema_migrations WHERE schema_name = $1 ORDER BY version",
    [schema],
  );
  return rows.map((row) => row.version);
}

const BASE = (await loadMigrations("prisma/migrations", "tenant")).map((migration) => migration.version);

const ADDITIVE = {
  "0900_add_listing_fields.sql": "ALTER TABLE properties ADD COLUMN listing_note text;\nALTER TABLE properties ADD COLUMN listing_rank integer;\n",
};

describe("migrator", () => {
  beforeEach(resetTenants);

  it("re-running is a no-op once everything is applied", async () => {
    const tenants = [await seedTenant(), await seedTenant()];
    const first = await migrateAll();
    expect(first.shared.applied).toEqual([]);
    expect(first.tenants).toMatchObject({ total: 2, migrated: 0, upToDate: 2, failed: [] });

    const root = await migrationsWithExtraTenantFiles(ADDITIVE);
    const applying = await migrateAll({ migrationsRoot: root });
    expect(applying.tenants).toMatchObject({ total: 2, migrated: 2, failed: [] });
    expect(applying.appliedTenantMigrations).toBe(2);

    const again = await migrateAll({ migrationsRoot: root });
    expect(again.tenants).toMatchObject({ total: 2, migrated: 0, upToDate: 2, failed: [] });
    expect(again.appliedTenantMigrations).toBe(0);
    for (const tenant of tenants) {
      expect(await appliedVersions(tenant.schema)).toEqual([...BASE, "0900"]);
      expect(await columnsOf(tenant.schema, "properties")).toContain("listing_rank");
    }
  });

  it("a migration failing in one tenant leaves the others migrated and that tenant unchanged", async () => {
    const healthy = await seedTenant();
    const broken = await seedTenant();
    const alsoHealthy = await seedTenant();
    // The second statement of the migration collides only in `broken`; its first must not survive.
    await ownerPool().query(`ALTER TABLE "${broken.schema}".properties ADD COLUMN listing_rank integer`);
    const before = await columnsOf(broken.schema, "properties");

    const root = await migrationsWithExtraTenantFiles(ADDITIVE);
    const summary = await migrateAll({ migrationsRoot: root, concurrency: 2 });

    expect(summary.tenants.total).toBe(3);
    expect(summary.tenants.migrated).toBe(2);
    expect(summary.tenants.failed).toHaveLength(1);
    expect(summary.tenants.failed[0]).toMatchObject({ tenantId: broken.id, schema: tenantSchemaName(broken.id) });
    expect(summary.tenants.failed[0]?.error).toMatch(/listing_rank/);
    expect(await columnsOf(broken.schema, "properties")).toEqual(before);
    expect(await appliedVersions(broken.schema)).toEqual(BASE);
    for (const tenant of [healthy, alsoHealthy]) {
      expect(await appliedVersions(tenant.schema)).toEqual([...BASE, "0900"]);
      expect(await columnsOf(tenant.schema, "properties")).toEqual(expect.arrayContaining(["listing_note", "listing_rank"]));
    }
  });

  it("two concurrent migrators do not collide: each migration is applied exactly once", async () => {
    const tenants = await Promise.all([seedTenant(), seedTenant(), seedTenant(), seedTenant()]);
    const root = await migrationsWithExtraTenantFiles(ADDITIVE);

    const [a, b] = await Promise.all([migrateAll({ migrationsRoot: root, concurrency: 2 }), migrateAll({ migrationsRoot: root, concurrency: 2 })]);

    expect(a.tenants.failed).toEqual([]);
    expect(b.tenants.failed).toEqual([]);
    expect(a.appliedTenantMigrations + b.appliedTenantMigrations).toBe(tenants.length);
    for (const tenant of tenants) expect(await appliedVersions(tenant.schema)).toEqual([...BASE, "0900"]);
  });

  it("a second migrator on another connection waits for the advisory lock", async () => {
    await seedTenant();
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(4727001)");
    let finished = false;
    const running = migrateAll().then((summary) => {
      finished = true;
      return summary;
    });
    const { rows } = await holder.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
    );
    // The migrator may not have reached the lock yet; poll pg_locks until it queues behind us.
    let waiting = rows[0]?.waiting ?? 0;
    for (let attempt = 0; waiting === 0 && attempt < 200; attempt++) {
      const next = await holder.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      waiting = next.rows[0]?.waiting ?? 0;
    }
    expect(waiting).toBe(1);
    expect(finished).toBe(false);
    await holder.query("SELECT pg_advisory_unlock(4727001)");
    await holder.end();
    await expect(running).resolves.toMatchObject({ tenants: { failed: [] } });
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const tenant = await seedTenant();
    await ownerPool().query("UPDATE public.schema_migrations SET checksum = 'edited' WHERE schema_name = $1", [tenant.schema]);
    const summary = await migrateAll();
    expect(summary.tenants.failed).toEqual([]); // nothing pending for it: not even looked at
    const root = await migrationsWithExtraTenantFiles(ADDITIVE);
    const withPending = await migrateAll({ migrationsRoot: root });
    expect(withPending.tenants.failed[0]?.error).toMatch(/changed after it was applied/);
  });
});
