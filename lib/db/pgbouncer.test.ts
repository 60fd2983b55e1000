import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as SharedPrismaClient } from "@/lib/db/generated/shared/client";
import { PrismaClient as TenantPrismaClient } from "@/lib/db/generated/tenant/client";
import { env } from "@/lib/env/env";
import { useKvForProcess } from "@/lib/kv/kv";
import { expectCrossProcessInvalidationOfOneTenant, keepCachedEntriesForThisFile } from "@/lib/testing/cross-process-invalidation";
import { testDatabase } from "@/lib/testing/database-per-file";
import { pgbouncerBinary, startPgBouncer, type PgBouncer } from "@/lib/testing/pgbouncer";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { inTransaction } from "./pools";
import { tenantSchemaName } from "./schema-name";
import { tenantScopedPool } from "./tenant-scoped-pool";

keepCachedEntriesForThisFile();

const SERVER_CONNECTIONS = 3;
const CLIENTS = 40;
const OPERATIONS = 400;

// In CI pgbouncer must be there (.ci/run installs it); elsewhere the file skips without it.
const runs = pgbouncerBinary() !== null || Boolean(process.env.CI);

function credentials(url: string): { name: string; password: string } {
  const parsed = new URL(url);
  return { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

describe.skipIf(!runs)("the app role through PgBouncer in transaction mode", () => {
  let bouncer: PgBouncer;
  let pool: pg.Pool;

  beforeAll(async () => {
    // Invalidation over Postgres: the case where LISTEN must not go through the pooler.
    useKvForProcess(null);
    const owner = credentials(testDatabase.url);
    const app = credentials(env().APP_DATABASE_URL);
    const platform = credentials(env().PLATFORM_DATABASE_URL);
    bouncer = await startPgBouncer({ serverUrl: testDatabase.url, users: [owner, app, platform], defaultPoolSize: SERVER_CONNECTIONS, maxClientConnections: 200 });
    pool = new pg.Pool({ connectionString: bouncer.urlFor(app.name, app.password), max: CLIENTS });
  });

  afterAll(async () => {
    await pool?.end();
    await bouncer?.stop();
  });

  it(`${CLIENTS} clients over ${SERVER_CONNECTIONS} server connections, two tenants interleaved: 0 cross-tenant rows`, async () => {
    const a = await seedTenant();
    const b = await seedTenant();
    for (const name of ["A1", "A2", "A3"]) await seedProperty(a.ref, { name });
    for (const name of ["B1", "B2"]) await seedProperty(b.ref, { name });

    // The app's own query paths, on the pooler: a tenant-bound shared client and a tenant-schema client.
    const clientsOf = (tenant: SeededTenant) => ({
      shared: new SharedPrismaClient({ adapter: new PrismaPg(tenantScopedPool(pool, tenant.id), { schema: "public" }) }),
      schema: new TenantPrismaClient({ adapter: new PrismaPg(pool, { schema: tenantSchemaName(tenant.id) }) }),
    });
    const prisma = new Map([a, b].map((tenant) => [tenant.id, clientsOf(tenant)]));
    const expectedNames = new Map([
      [a.id, ["A1", "A2", "A3"]],
      [b.id, ["B1", "B2"]],
    ]);

    const backendPids = new Set<number>();
    const clientConnections = new Set<pg.PoolClient>();
    pool.on("connect", (client) => clientConnections.add(client));
    let crossTenantRows = 0;
    let checkedRows = 0;
    let next = 0;

    const operation = async (index: number) => {
      const tenant = index % 2 === 0 ? a : b;
      const clients = prisma.get(tenant.id)!;
      switch (index % 4) {
        case 0:
        case 1: {
          // Held for a moment, so transactions of both tenants queue for the same few server connections.
          const rows = await inTransaction(
            pool,
            async (client) =>
              (
                await client.query<{ tenant_id: string; setting: string; pid: number }>(
                  "SELECT u.tenant_id, current_setting('app.tenant_id') AS setting, pg_backend_pid() AS pid FROM public.users u, pg_sleep(0.003)",
                )
              ).rows,
            tenant.id,
          );
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) {
            backendPids.add(row.pid);
            checkedRows += 1;
            if (row.tenant_id !== tenant.id || row.setting !== tenant.id) crossTenantRows += 1;
          }
          break;
        }
        case 2: {
          const [users, settings] = await Promise.all([clients.shared.user.findMany({ select: { tenantId: true } }), clients.shared.tenantSettings.findMany({ select: { tenantId: true } })]);
          expect(settings.length).toBe(1);
          for (const row of [...users, ...settings]) {
            checkedRows += 1;
            if (row.tenantId !== tenant.id) crossTenantRows += 1;
          }
          break;
        }
        case 3: {
          const names = (await clients.schema.property.findMany({ select: { name: true } })).map((row) => row.name).sort();
          checkedRows += names.length;
          if (JSON.stringify(names) !== JSON.stringify(expectedNames.get(tenant.id))) crossTenantRows += 1;
          // And right after, on whatever server connection comes next, no scope is left behind.
          const unscoped = await inTransaction(pool, async (client) => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM public.users")).rows[0]!.n, null);
          if (unscoped !== 0) crossTenantRows += 1;
          break;
        }
      }
    };

    try {
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let index = next++; index < OPERATIONS; index = next++) await operation(index);
        }),
      );
    } finally {
      for (const clients of prisma.values()) await Promise.all([clients.shared.$disconnect(), clients.schema.$disconnect()]);
    }

    expect(crossTenantRows).toBe(0);
    expect(checkedRows).toBeGreaterThan(OPERATIONS);
    expect(clientConnections.size).toBe(CLIENTS);
    expect(backendPids.size).toBeGreaterThan(0);
    expect(backendPids.size).toBeLessThanOrEqual(SERVER_CONNECTIONS);
  });

  it("invalidation still works: the CLI announces through PgBouncer, this process hears it on its direct LISTEN connection", async () => {
    const owner = credentials(testDatabase.url);
    await expectCrossProcessInvalidationOfOneTenant("postgres", { REDIS_URL: "", DATABASE_URL: bouncer.urlFor(owner.name, owner.password) });
  });
});
