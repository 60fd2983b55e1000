import path from "node:path";
import { rm } from "node:fs/promises";
import { Command } from "commander";
import { startEmbeddedS3 } from "@/lib/dev/embedded-s3";
import { closeLibConnections, configureBenchEnv, dropBenchRole, formatSeconds, machineDescription, parsePositiveInt, percentile, runTimed, startBenchDatabase } from "./bench-support";

// npm run bench:analytics [-- --tenants 10000 --schemas 1000 --concurrency 4 --server-url postgres://...]
// The analytics snapshot job and the three admin reads at many tenants: --schemas real tenants (provisioned:
// schema, migrations, owner user, one file each in s3rver, API calls metered), the rest tenant rows only
// (no schema), as a platform with many dormant tenants has. Metering is this process's in-memory store
// (no Redis) — the job's Redis reads are one pipeline per 100 tenants either way. A benchmark, not a test.

const options = new Command("bench:analytics")
  .option("--tenants <n>", "tenants in total", parsePositiveInt, 10_000)
  .option("--schemas <n>", "of them provisioned with a real schema", parsePositiveInt, 1_000)
  .option("--concurrency <n>", "provisions in flight at once", parsePositiveInt, 4)
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .parse()
  .opts<{ tenants: number; schemas: number; concurrency: number; serverUrl?: string }>();

const database = await startBenchDatabase(options.serverUrl);
const { appRole } = configureBenchEnv(database.url, options.concurrency + 4);
const s3Dir = path.resolve(`.data/bench/analytics-s3-${process.pid}`);
const s3 = await startEmbeddedS3({ dir: s3Dir, bucket: "anchor-bench" });
Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: "anchor-bench" });
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
try {
  const { migrateShared } = await import("@/lib/db/migrator");
  const { ownerPool } = await import("@/lib/db/pools");
  const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
  const { putObject } = await import("@/lib/storage/s3");
  const { tenantObjectKey } = await import("@/lib/storage/tenant-object-key");
  const { recordApiCall } = await import("@/lib/usage/usage-meter");
  const { takeAnalyticsSnapshot } = await import("@/lib/platform-analytics/take-analytics-snapshot");
  const { readResourceUsage, readTenantActivity, readTenantGrowth } = await import("@/lib/platform-analytics/read-analytics");
  await migrateShared();

  const provisionStarted = performance.now();
  await runTimed(options.schemas, options.concurrency, async (index) => {
    const slug = `bench-${index}`;
    const tenant = await provisionTenant({ name: `Bench ${index}`, slug, adminEmail: `owner@${slug}.test` }, { sendWelcome: false });
    await putObject(tenantObjectKey(tenant.id, "docs", "file.txt"), "x".repeat(100 + index), "text/plain", { tenant_id: tenant.id });
    for (let call = 0; call < (index % 10) + 1; call += 1) recordApiCall({ tenantId: tenant.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 20 });
  });
  const provisionMs = performance.now() - provisionStarted;
  const rowsOnly = Math.max(0, options.tenants - options.schemas);
  await ownerPool().query(
    `INSERT INTO tenants (name, slug, status, plan_id, created_at)
     SELECT 'Dormant ' || g, 'dormant-' || g, 'active', 'standard', now() - (g % 365) * interval '1 day' FROM generate_series(1, $1) g`,
    [rowsOnly],
  );

  const snapshotTimes: number[] = [];
  let summary;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    summary = await takeAnalyticsSnapshot();
    snapshotTimes.push(performance.now() - started);
  }
  const reads: Record<string, number[]> = { "growth?days=30": [], activity: [], resources: [] };
  for (let run = 0; run < 20; run += 1) {
    for (const [name, read] of [["growth?days=30", () => readTenantGrowth(30)], ["activity", () => readTenantActivity()], ["resources", () => readResourceUsage()]] as const) {
      const started = performance.now();
      const result = await read();
      reads[name]!.push(performance.now() - started);
      if (name === "resources" && "tenants" in result && result.tenants.length !== options.tenants) throw new Error(`resources returned ${result.tenants.length} tenants`);
    }
  }
  console.log(["Asset Anchor analytics benchmark", ...machineDescription(database), ""].join("\n"));
  console.log(`Tenants: ${options.tenants} (${options.schemas} with a real schema, provisioned in ${formatSeconds(provisionMs)}; ${rowsOnly} rows only)`);
  console.log(`Snapshot job (${summary!.tenants} tenants): ${snapshotTimes.map((ms) => formatSeconds(ms)).join(", ")}`);
  for (const [name, times] of Object.entries(reads)) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`GET /api/admin/analytics/${name} read (lib function, 20 runs): p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms`);
  }
} finally {
  await closeLibConnections();
  await s3.stop?.();
  await rm(s3Dir, { recursive: true, force: true });
  await database.drop();
  if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
}
