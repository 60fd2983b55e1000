// npx tsx scripts/bench-rls.ts [-- --tenants 5 --properties 2000 --requests 300]
// What the database backstop costs on a request-like unit of work, all variants in one run, interleaved:
//   identity lookup of a user row (shared table) + the dashboard's first page of properties (tenant schema).
//   A  owner client, no RLS scoping (what an unprotected app role cost before)
//   B  sharedDbFor(): a transaction that sets app.tenant_id, under row-level security (what ships)
//   C  B + the tenant queries in a transaction with SET LOCAL ROLE <per-tenant role> (evaluated, see docs/security.md)
// A benchmark, not a test.
import { randomBytes } from "node:crypto";
import { Command } from "commander";
import { closeLibConnections, configureBenchEnv, machineDescription, parsePositiveInt, percentile, startBenchDatabase } from "./bench-support";

const program = new Command("bench:rls")
  .option("--tenants <n>", "tenants", parsePositiveInt, 5)
  .option("--properties <n>", "properties per tenant", parsePositiveInt, 2_000)
  .option("--requests <n>", "timed units per tenant and variant", parsePositiveInt, 300)
  .parse();
const options = program.opts<{ tenants: number; properties: number; requests: number }>();

async function main(): Promise<void> {
  const database = await startBenchDatabase(undefined);
  configureBenchEnv(database.url, 10);
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    const { ownerPool } = await import("@/lib/db/pools");
    const { PrismaClient } = await import("@/lib/db/generated/shared/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { sharedDbFor } = await import("@/lib/db/shared-client");
    const { forTenant } = await import("@/lib/db/tenant-client");
    const { runAsTenant } = await import("@/lib/tenancy/context");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    const { appDatabaseRole } = await import("@/lib/env/env");
    const { appPool } = await import("@/lib/db/pools");
    const { poolBeginningWith } = await import("@/lib/db/tenant-scoped-pool");
    const TenantPrisma = (await import("@/lib/db/generated/tenant/client")).PrismaClient;
    await migrateAll();
    const owner = new PrismaClient({ adapter: new PrismaPg(ownerPool(), { schema: "public" }) });

    console.log(["Asset Anchor RLS benchmark", ...machineDescription(database)].join("\n"));
    const tenants = [];
    for (let index = 0; index < options.tenants; index++) {
      const slug = `bench-rls-${index}`;
      const tenant = await provisionTenant({ name: `Bench ${index}`, slug, adminEmail: `owner@${slug}.test`, adminPassword: "bench password 123" }, { sendWelcome: false });
      await ownerPool().query(
        `INSERT INTO "${tenant.schema}".properties (name, address, price, status, type, bedrooms, published, created_at)
         SELECT 'Property ' || n, n || ' Bench Street', (random() * 900000 + 20000)::numeric(14, 2), 'available', 'house', n % 6, true, now() - (n || ' minutes')::interval
         FROM generate_series(1, $1) AS n`,
        [options.properties],
      );
      await ownerPool().query(`ANALYZE "${tenant.schema}".properties`);
      // The evaluated per-tenant role: NOLOGIN, rights on its own schema only, assumable by the app role.
      const role = `bench_tenant_${tenant.id.replaceAll("-", "")}`;
      await ownerPool().query(`CREATE ROLE ${role} NOLOGIN; GRANT USAGE ON SCHEMA "${tenant.schema}" TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA "${tenant.schema}" TO ${role}; GRANT ${role} TO ${appDatabaseRole()}`);
      const ref = { id: tenant.id, slug, name: tenant.name, status: "active" as const, planId: tenant.plan, customDomain: null, customDomainVerified: false, maintenance: null };
      // The cheapest form of it: BEGIN and SET LOCAL ROLE in one round trip, like the shared rows' scoping.
      const asRole = new TenantPrisma({ adapter: new PrismaPg(poolBeginningWith(appPool(), `BEGIN; SET LOCAL ROLE ${role}`), { schema: tenant.schema }) });
      tenants.push({ ref, role, userId: tenant.adminUserId, asRole });
    }

    type Tenant = (typeof tenants)[number];
    const pageQuery = { where: { price: { gt: 100_000 } }, orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 26 };
    const page = (tenant: Tenant) => forTenant(tenant.ref).property.findMany(pageQuery);
    const variants: Record<string, (tenant: Tenant) => Promise<unknown>> = {
      "A owner, unscoped": (tenant) => runAsTenant(tenant.ref, "bench", async () => {
        await owner.user.findUnique({ where: { id: tenant.userId } });
        return page(tenant);
      }),
      "B RLS (ships)": (tenant) => runAsTenant(tenant.ref, "bench", async () => {
        await sharedDbFor(tenant.ref.id).user.findUnique({ where: { id: tenant.userId } });
        return page(tenant);
      }),
      "C RLS + SET LOCAL ROLE": (tenant) => runAsTenant(tenant.ref, "bench", async () => {
        await sharedDbFor(tenant.ref.id).user.findUnique({ where: { id: tenant.userId } });
        return tenant.asRole.property.findMany(pageQuery);
      }),
    };
    for (let warm = 0; warm < 30; warm++) for (const tenant of tenants) for (const run of Object.values(variants)) await run(tenant);
    const durations = new Map(Object.keys(variants).map((name) => [name, [] as number[]]));
    for (let index = 0; index < options.requests; index++) {
      for (const tenant of tenants) {
        for (const [name, run] of Object.entries(variants)) {
          const started = performance.now();
          await run(tenant);
          durations.get(name)!.push(performance.now() - started);
        }
      }
    }
    console.log(`\nidentity lookup + first page of ${options.properties} properties, ${options.requests} × ${options.tenants} tenants per variant, interleaved:`);
    const base = percentile(durations.get("A owner, unscoped")!.sort((a, b) => a - b), 0.5);
    for (const [name, values] of durations) {
      values.sort((a, b) => a - b);
      const p50 = percentile(values, 0.5);
      console.log(`  ${name.padEnd(24)} p50 ${p50.toFixed(3)} ms   p95 ${percentile(values, 0.95).toFixed(3)} ms   p50 vs A ${(((p50 - base) / base) * 100).toFixed(1)}%`);
    }
    const b = percentile(durations.get("B RLS (ships)")!, 0.5);
    const c = percentile(durations.get("C RLS + SET LOCAL ROLE")!, 0.5);
    console.log(`  SET LOCAL ROLE on top of B: ${(((c - b) / b) * 100).toFixed(1)}% (adopt if ≤ 10%)`);
    await owner.$disconnect();
    for (const tenant of tenants) await tenant.asRole.$disconnect();
  } finally {
    await closeLibConnections();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
