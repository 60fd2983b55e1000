// npm run bench:backup [-- --properties 100000 --file-mb 1024 --file-count 64 --pitr-db-mb 1024]
// Backup and restore of one tenant with many properties and large files, on embedded PostgreSQL (WAL
// archiving on) and s3rver, both local: seconds and MB/s per phase, and peak RSS (streaming keeps it
// flat); then a point-in-time restore of that tenant once the database holds --pitr-db-mb of data
// (0 skips it). A benchmark, not a test.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { Command } from "commander";
import pg from "pg";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { startEmbeddedS3 } from "@/lib/dev/embedded-s3";
import { closeLibConnections, configureBenchEnv, formatSeconds, machineDescription, parsePositiveInt } from "./bench-support";

interface Options {
  properties: number;
  fileMb: number;
  fileCount: number;
  pitrDbMb: number;
}

const program = new Command("bench:backup")
  .option("--properties <n>", "properties in the tenant", parsePositiveInt, 100_000)
  .option("--file-mb <n>", "total size of the tenant's files in MB", parsePositiveInt, 1024)
  .option("--file-count <n>", "number of files the size is split into", parsePositiveInt, 64)
  .option("--pitr-db-mb <n>", "grow the database to this size (a filler tenant) and time a point-in-time restore; 0 skips it", (value: string) => Number(value), 1024)
  .parse();
const options = program.opts<Options>();

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const benchDir = path.resolve(`.data/bench/backup-${process.pid}`);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(benchDir, "postgres"),
    password: randomBytes(12).toString("hex"),
    database: "anchor_bench",
    persistent: false,
    walArchiveDir: path.join(benchDir, "pitr", "wal"),
  });
  const version = new pg.Client({ connectionString: server.url });
  await version.connect();
  const serverVersion = (await version.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
  await version.end();
  const database = { url: server.url, serverVersion, where: "embedded PostgreSQL (fsync=off, WAL archiving on)", drop: server.stop };
  process.env.PITR_DIR = path.join(benchDir, "pitr");
  const s3Dir = path.join(benchDir, "s3");
  const s3 = await startEmbeddedS3({ dir: s3Dir, bucket: "anchor-bench" });
  configureBenchEnv(database.url, 10);
  Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: "anchor-bench", BACKUP_S3_BUCKET: "anchor-bench-backups" });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    const { ownerPool } = await import("@/lib/db/pools");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    const { putObject } = await import("@/lib/storage/s3");
    const { tenantObjectKey } = await import("@/lib/storage/tenant-object-key");
    const { createBackup } = await import("@/lib/backups/create-backup");
    const { restoreBackup } = await import("@/lib/backups/restore-backup");
    const { verifyBackup } = await import("@/lib/backups/verify-backup");
    await migrateAll();

    console.log(["Asset Anchor backup benchmark", ...machineDescription(database), `S3:       s3rver on ${s3.endpoint} (local disk)`].join("\n"));
    const tenant = await provisionTenant({ name: "Bench backup", slug: "bench-backup", adminEmail: "owner@bench-backup.test", adminPassword: "bench password 123" }, { sendWelcome: false });
    await ownerPool().query(
      `INSERT INTO "${tenant.schema}".properties (name, address, price, status, type, bedrooms, description, published)
       SELECT 'Property ' || n, n || ' Bench Street', (random() * 900000 + 20000)::numeric(14, 2),
              (ARRAY['available','under_contract','sold','rented','off_market'])[1 + n % 5],
              (ARRAY['house','apartment','condo','townhouse','land','commercial'])[1 + n % 6], n % 6,
              repeat('A roomy place with a view. ', 1 + n % 8), n % 2 = 0
       FROM generate_series(1, $1) AS n`,
      [options.properties],
    );
    const fileBytes = Math.floor((options.fileMb * MB) / options.fileCount);
    const chunk = randomBytes(fileBytes);
    const seedStarted = performance.now();
    for (let index = 0; index < options.fileCount; index++) {
      chunk.writeUInt32BE(index, 0);
      await putObject(tenantObjectKey(tenant.id, "documents", `bench-${index}.bin`), chunk, "application/octet-stream", { tenant_id: tenant.id });
    }
    const seedMs = performance.now() - seedStarted;
    // The ceiling s3rver itself sets: plain PutObjects of in-memory buffers, one at a time, no hashing on our side.
    console.log(`Seeded ${options.properties} properties and ${options.fileCount} files of ${(fileBytes / MB).toFixed(1)} MB (s3rver took them at ${((fileBytes * options.fileCount) / MB / (seedMs / 1000)).toFixed(1)} MB/s).`);
    peakRss = process.memoryUsage().rss;

    let started = performance.now();
    const { summary, manifest } = await createBackup(tenant.slug);
    const backupMs = performance.now() - started;
    const tableMb = manifest.totals.tableBytes / MB;
    const totalMb = summary.bytes / MB;
    const backupRss = peakRss;

    started = performance.now();
    await verifyBackup(summary.id);
    const verifyMs = performance.now() - started;

    started = performance.now();
    await restoreBackup(summary.id, { files: false });
    const restoreTablesMs = performance.now() - started;

    await ownerPool().query(`DELETE FROM "${tenant.schema}".properties WHERE true`);
    const { deleteTenantObjects, listTenantObjects } = await import("@/lib/backups/tenant-files");
    await deleteTenantObjects(tenant.id, (await listTenantObjects(tenant.id)).map((object) => object.name));
    started = performance.now();
    await restoreBackup(summary.id);
    const restoreFullMs = performance.now() - started;
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM "${tenant.schema}".properties`);
    if (rows[0].n !== options.properties) throw new Error(`restored ${rows[0].n} properties, expected ${options.properties}`);

    let pitrLine = "Point-in-time restore: skipped (--pitr-db-mb 0)";
    if (options.pitrDbMb > 0) {
      const { takeBaseBackup } = await import("@/lib/backups/pitr/base-backup");
      const { restoreToTime } = await import("@/lib/backups/pitr/restore-to-time");
      const filler = await provisionTenant({ name: "Bench filler", slug: "bench-filler", adminEmail: "owner@bench-filler.test", adminPassword: "bench password 123" }, { sendWelcome: false });
      const sizeMb = async () => Number((await ownerPool().query("SELECT pg_database_size(current_database()) AS bytes")).rows[0].bytes) / MB;
      while ((await sizeMb()) < options.pitrDbMb) {
        await ownerPool().query(
          `INSERT INTO "${filler.schema}".properties (name, address, price, type, description) SELECT 'Filler ' || n, 'x', 1, 'land', repeat(md5(n::text), 32) FROM generate_series(1, 100000) AS n`,
        );
      }
      const databaseMb = await sizeMb();
      await takeBaseBackup();
      await ownerPool().query(`UPDATE "${tenant.schema}".properties SET name = name || ' (at T)' WHERE bedrooms = 1`);
      const at = (await ownerPool().query("SELECT clock_timestamp() AS at")).rows[0].at as Date;
      await ownerPool().query(`DELETE FROM "${tenant.schema}".properties WHERE bedrooms = 2`);
      started = performance.now();
      const pitr = await restoreToTime(tenant.slug, at.toISOString());
      const pitrMs = performance.now() - started;
      const atT = await ownerPool().query(`SELECT count(*)::int AS n FROM "${tenant.schema}".properties`);
      if (atT.rows[0].n !== options.properties) throw new Error(`PITR left ${atT.rows[0].n} properties, expected ${options.properties}`);
      pitrLine = `Point-in-time restore of one tenant (database ${databaseMb.toFixed(0)} MB, from ${pitr.source.kind}): ${formatSeconds(pitrMs)}`;
    }

    const rate = (mb: number, ms: number) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
    console.log(
      [
        "",
        `Backup (${totalMb.toFixed(0)} MB: tables ${tableMb.toFixed(1)} MB, files ${(manifest.totals.fileBytes / MB).toFixed(0)} MB): ${formatSeconds(backupMs)}, ${rate(totalMb, backupMs)}`,
        `Verify (re-hash everything):                 ${formatSeconds(verifyMs)}, ${rate(totalMb, verifyMs)}`,
        `Restore of the tables only (${options.properties} properties):   ${formatSeconds(restoreTablesMs)}`,
        `Restore of tables and all files:             ${formatSeconds(restoreFullMs)}, ${rate(totalMb, restoreFullMs)}`,
        pitrLine,
        `Peak RSS: ${(backupRss / MB).toFixed(0)} MB during backup, ${(peakRss / MB).toFixed(0)} MB overall (file size ${(fileBytes / MB).toFixed(0)} MB, one seed buffer held)`,
      ].join("\n"),
    );
  } catch (error) {
    console.error("Benchmark failed:", error);
    process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await closeLibConnections();
    await s3.stop();
    await database.drop();
    await rm(benchDir, { recursive: true, force: true });
  }
}

await main();
