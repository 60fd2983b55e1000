import { Command } from "commander";
import { closeLibConnections, configureBenchEnv, dropBenchRole, machineDescription, parsePositiveInt, percentile, startBenchDatabase } from "./bench-support";

// npm run bench:admin [-- --tenants 10000 --runs 20 --server-url postgres://...]
// The admin console's tenant list (GET /api/admin/tenants, lib/admin-console/list-tenants.ts) at many
// tenants: tenant rows (some with custom domains), one analytics snapshot row and one health row each,
// then each query shape timed as the platform role reads it. A benchmark, not a test.

const options = new Command("bench:admin")
  .option("--tenants <n>", "tenant rows", parsePositiveInt, 10_000)
  .option("--runs <n>", "runs of each query", parsePositiveInt, 20)
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .parse()
  .opts<{ tenants: number; runs: number; serverUrl?: string }>();

const database = await startBenchDatabase(options.serverUrl);
const { appRole } = configureBenchEnv(database.url, 4);
try {
  const { migrateShared } = await import("@/lib/db/migrator");
  const { ownerPool } = await import("@/lib/db/pools");
  const { listConsoleTenants, tenantListQuerySchema } = await import("@/lib/admin-console/list-tenants");
  await migrateShared();
  const owner = ownerPool();
  const seeded = performance.now();
  await owner.query(
    `INSERT INTO tenants (name, slug, status, plan_id, custom_domain, custom_domain_verified, created_at)
     SELECT 'Agency ' || g || ' ' || (ARRAY['Homes', 'Lettings', 'Realty', 'Estates'])[1 + g % 4], 'agency-' || g,
            CASE WHEN g % 50 = 0 THEN 'suspended' ELSE 'active' END, (ARRAY['standard', 'professional', 'enterprise'])[1 + g % 3],
            CASE WHEN g % 7 = 0 THEN 'www.agency-' || g || '.example' END, g % 7 = 0, now() - (g % 730) * interval '1 day'
       FROM generate_series(1, $1) g`,
    [options.tenants],
  );
  const snapshot = (await owner.query<{ id: string }>("INSERT INTO analytics_snapshots (duration_ms, tenants) VALUES (1, $1) RETURNING id", [options.tenants])).rows[0]!.id;
  await owner.query(
    `INSERT INTO analytics_tenant_usage (snapshot_id, subject_tenant_id, slug, name, plan_id, status, tenant_created_at, db_size_bytes, storage_bytes, api_calls_30d, users, activity_count_7d, last_activity, properties)
     SELECT $1, t.id, t.slug, t.name, t.plan_id, t.status, t.created_at, 500000 + (hashtext(t.slug) & 65535) * 64, (hashtext(t.name) & 1048575), hashtext(t.slug || 'calls') & 32767,
            1 + (hashtext(t.slug) & 31), hashtext(t.slug) & 255, CASE WHEN hashtext(t.slug) % 5 = 0 THEN NULL ELSE now() - (hashtext(t.slug) & 1023) * interval '1 hour' END, hashtext(t.slug) & 511
       FROM tenants t`,
    [snapshot],
  );
  await owner.query(
    `INSERT INTO tenant_health (subject_tenant_id, status, reasons, checks)
     SELECT id, CASE WHEN hashtext(slug) % 40 = 0 THEN 'critical' WHEN hashtext(slug) % 9 = 0 THEN 'warning' ELSE 'healthy' END, '[]', '{}' FROM tenants`,
  );
  await owner.query("ANALYZE tenants; ANALYZE analytics_tenant_usage; ANALYZE tenant_health");
  const seedMs = performance.now() - seeded;
  const trigram = (await owner.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount === 1;

  // A cursor deep in the list: walk to page 50 once, then time that page.
  let deep = tenantListQuerySchema.parse({ sort: "-db_size" });
  for (let page = 0; page < 50; page += 1) deep = { ...deep, cursor: (await listConsoleTenants(deep)).nextCursor ?? undefined };
  const shapes: Array<[string, Record<string, string>]> = [
    ["first page, by name", {}],
    ["sort=-db_size", { sort: "-db_size" }],
    ["sort=-api_calls", { sort: "-api_calls" }],
    ["sort=-last_activity", { sort: "-last_activity" }],
    ["sort=-created", { sort: "-created" }],
    ["q=lettings (2,500 matches)", { q: "lettings" }],
    ["q=agency-4242 (slug)", { q: "agency-4242" }],
    ["q=.example (custom domains)", { q: ".example" }],
    ["status=suspended", { status: "suspended" }],
    ["plan=enterprise&health=critical&sort=-api_calls", { plan: "enterprise", health: "critical", sort: "-api_calls" }],
    ["health=unknown", { health: "unknown" }],
  ];
  console.log(["Asset Anchor admin tenant-list benchmark", ...machineDescription(database), ""].join("\n"));
  console.log(`Tenants: ${options.tenants} rows, one snapshot row and one health row each (seeded in ${(seedMs / 1000).toFixed(1)} s); pg_trgm: ${trigram ? "yes" : "no"}`);
  const time = async (label: string, query: ReturnType<typeof tenantListQuerySchema.parse>) => {
    const times: number[] = [];
    let rows = 0;
    let total = 0;
    for (let run = 0; run < options.runs; run += 1) {
      const started = performance.now();
      const page = await listConsoleTenants(query);
      times.push(performance.now() - started);
      rows = page.tenants.length;
      total = page.total;
    }
    const sorted = times.sort((a, b) => a - b);
    console.log(`${label.padEnd(52)} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(6)} ms  (${rows} rows of ${total})`);
  };
  for (const [label, raw] of shapes) await time(label, tenantListQuerySchema.parse(raw));
  await time("sort=-db_size, page 51 (keyset cursor)", deep);
} finally {
  await closeLibConnections();
  await database.drop();
  if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
}
