// npm run bench:query [-- --tenants 10 --properties 10000 --requests 200 --server-url URL]
// The seed's query-performance test, scaled up: per tenant, the filtered first page (price > 100,000)
// through the real API handler (withTenant: host → tenant, bearer token, permission, zod, Prisma on the
// tenant's schema), p50/p95 per tenant and the spread between tenants. A benchmark, not a test.
import { randomBytes } from "node:crypto";
import { Command } from "commander";
import {
  closeLibConnections,
  configureBenchEnv,
  dropBenchRole,
  machineDescription,
  parsePositiveInt,
  percentile,
  startBenchDatabase,
} from "./bench-support";

interface Options {
  tenants: number;
  properties: number;
  requests: number;
  serverUrl?: string;
}

const program = new Command("bench:query")
  .option("--tenants <n>", "tenants", parsePositiveInt, 10)
  .option("--properties <n>", "properties per tenant", parsePositiveInt, 10_000)
  .option("--requests <n>", "timed requests per tenant", parsePositiveInt, 200)
  .option("--server-url <url>", "use this PostgreSQL server (a throwaway database is created) instead of an embedded one")
  .parse();
const options = program.opts<Options>();

async function main(): Promise<void> {
  const database = await startBenchDatabase(options.serverUrl);
  const { appRole } = configureBenchEnv(database.url, 10);
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    const { ownerPool } = await import("@/lib/db/pools");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    const { issueApiToken } = await import("@/lib/auth/api-token");
    const { GET } = await import("@/app/t/[tenantId]/api/v1/properties/route");
    await migrateAll();

    console.log(["Asset Anchor query benchmark", ...machineDescription(database)].join("\n"));
    console.log(`Seeding ${options.tenants} tenants × ${options.properties} properties…`);
    const tenants: Array<{ slug: string; token: string }> = [];
    for (let index = 0; index < options.tenants; index++) {
      const slug = `bench-query-${index}`;
      const tenant = await provisionTenant({ name: `Bench ${index}`, slug, adminEmail: `owner@${slug}.test`, adminPassword: "bench password 123" }, { sendWelcome: false });
      // Bulk rows straight into the tenant's schema: 10,000 creates through the API would only measure seeding.
      await ownerPool().query(
        `INSERT INTO "${tenant.schema}".properties (name, address, price, status, type, bedrooms, published, created_at)
         SELECT 'Property ' || n, n || ' Bench Street', (random() * 900000 + 20000)::numeric(14, 2),
                (ARRAY['available','under_contract','sold','rented','off_market'])[1 + n % 5],
                (ARRAY['house','apartment','condo','townhouse','land','commercial'])[1 + n % 6],
                n % 6, n % 2 = 0, now() - (n || ' minutes')::interval
         FROM generate_series(1, $1) AS n`,
        [options.properties],
      );
      await ownerPool().query(`ANALYZE "${tenant.schema}".properties`);
      const { accessToken } = await issueApiToken({ id: tenant.adminUserId, tenantId: tenant.id, email: tenant.adminEmail, name: null, role: "owner", sessionVersion: 0 });
      tenants.push({ slug, token: accessToken });
    }

    const request = (tenant: { slug: string; token: string }) =>
      GET(new Request(`http://${tenant.slug}.localhost:3000/api/v1/properties?minPrice=100000&limit=25`, { headers: { host: `${tenant.slug}.localhost:3000`, authorization: `Bearer ${tenant.token}` } }), {
        params: Promise.resolve({}),
      });
    for (const tenant of tenants) {
      const warm = await request(tenant);
      if (warm.status !== 200) throw new Error(`warm-up for ${tenant.slug} answered ${warm.status}: ${await warm.text()}`);
    }
    // Warm the JIT and every tenant's cached client and plan before timing anything.
    for (let index = 0; index < 20; index++) for (const tenant of tenants) await (await request(tenant)).arrayBuffer();

    // Round-robin: request i of every tenant runs back to back, so background load on the machine falls on
    // all tenants alike instead of on whichever tenant happened to be measured at that moment.
    const durations = new Map(tenants.map((tenant) => [tenant.slug, [] as number[]]));
    for (let index = 0; index < options.requests; index++) {
      for (const tenant of tenants) {
        const started = performance.now();
        const response = await request(tenant);
        await response.arrayBuffer();
        durations.get(tenant.slug)!.push(performance.now() - started);
      }
    }
    const rows = tenants.map((tenant) => {
      const sorted = durations.get(tenant.slug)!.sort((a, b) => a - b);
      return { slug: tenant.slug, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
    });
    console.log(`\nGET /api/v1/properties?minPrice=100000&limit=25, ${options.requests} requests per tenant, one at a time, tenants in turn:`);
    for (const row of rows) console.log(`  ${row.slug.padEnd(16)} p50 ${row.p50.toFixed(2)} ms   p95 ${row.p95.toFixed(2)} ms`);
    const p95s = rows.map((row) => row.p95);
    const mean = p95s.reduce((sum, value) => sum + value, 0) / p95s.length;
    const spread = (Math.max(...p95s) - Math.min(...p95s)) / mean;
    console.log(`\nAcross tenants: p95 from ${Math.min(...p95s).toFixed(2)} to ${Math.max(...p95s).toFixed(2)} ms (mean ${mean.toFixed(2)} ms); spread (max − min) / mean = ${(spread * 100).toFixed(0)}%`);
    console.log("Goal: p95 < 10 ms, spread across tenants < 50%");
  } finally {
    await closeLibConnections();
    if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
