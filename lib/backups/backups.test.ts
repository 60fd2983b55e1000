import { Writable } from "node:stream";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "@/lib/cli/output";
import { ownerPool } from "@/lib/db/pools";
import { backupStore } from "./backup-store";
import { seedRichTenant, tenantFingerprint } from "./backup-test-support";
import { findBackup } from "./find-backup";
import type { BackupSummary } from "./manifest";
import type { VerifyResult } from "./verify-backup";

async function cli<T>(args: string[], expectedExit = EXIT_OK): Promise<T> {
  const run = await runInProcess([...args, "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(expectedExit);
  return parsed<T>(run);
}

/** Overwrites one object of the backup store, as bit rot or tampering would. */
async function overwriteStoreObject(key: string, body: string): Promise<void> {
  const { config } = backupStore();
  const client = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } });
  await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body }));
}

describe("backups create / list / show / verify / delete", () => {
  let tenant: Awaited<ReturnType<typeof seedRichTenant>>;
  let created: BackupSummary;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    tenant = await seedRichTenant();
    before = await tenantFingerprint(tenant.id);
    created = await cli<BackupSummary>(["backups", "create", tenant.slug]);
  });

  it("backs up every table of the schema and the tenant's rows of every shared table, with counts", async () => {
    expect(created.id).toMatch(/^bk-\d{8}t\d{6}z-[0-9a-f]{8}$/);
    expect(created.tenant).toEqual({ id: tenant.id, slug: tenant.slug });
    expect(created.schemaVersion).toBe("0006");
    for (const [name, rows] of Object.entries(created.tables)) expect([name, rows]).toEqual([name, (before[name] as unknown[]).length]);
    expect(Object.keys(created.tables).sort()).toEqual(Object.keys(before).filter((name) => name !== "files").sort());
    expect(created.tables.properties).toBe(5);
    expect(created.tables["public.users"]).toBe(2);
    expect(created.tables["public.handoff_tokens"]).toBe(1);
    expect(created.files).toBe(2);
    expect(created.bytes).toBeGreaterThan(200_000);
  });

  it("writes a manifest with a SHA-256 per table and per file, into a bucket that is not the app's", async () => {
    const manifest = await findBackup(created.id);
    expect(backupStore().bucket).not.toBe(process.env.S3_BUCKET);
    expect(manifest.tenantMigrations.map((migration) => migration.version)).toEqual(["0001", "0002", "0003", "0004", "0005", "0006"]);
    for (const table of manifest.tables) expect(table.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files.map((file) => file.name).sort()).toEqual(tenant.files.map((key) => key.slice(key.indexOf("/") + 1)).sort());
  });

  it("lists and shows it, and audits the run", async () => {
    const listed = await cli<BackupSummary[]>(["backups", "list", tenant.slug]);
    expect(listed.map((each) => each.id)).toContain(created.id);
    expect(await cli<BackupSummary>(["backups", "show", created.id])).toEqual(created);
    const { rows } = await ownerPool().query("SELECT action FROM public.audit_logs WHERE tenant_id = $1 AND target = $2", [tenant.id, created.id]);
    expect(rows.map((row: { action: string }) => row.action)).toContain("backup.created");
  });

  it("verify re-checks every checksum and fails on a damaged table", async () => {
    const intact = await cli<VerifyResult>(["backups", "verify", created.id]);
    expect(intact).toMatchObject({ ok: true, problems: [], filesChecked: 2 });
    const damaged = await cli<BackupSummary>(["backups", "create", tenant.slug]);
    const manifest = await findBackup(damaged.id);
    const properties = manifest.tables.find((table) => table.name === "properties")!;
    await overwriteStoreObject(`${backupStore().backupPrefix(tenant.id, damaged.id)}${properties.object}`, "tampered\n");
    const result = await cli<VerifyResult>(["backups", "verify", damaged.id], EXIT_ERROR);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ item: "table properties", problem: expect.stringContaining("SHA-256") }]);
  });

  it("draws a progress bar on a terminal, and none with --json", async () => {
    let written = "";
    const terminal = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          written += chunk.toString();
          done();
        },
      }),
      { isTTY: true, columns: 120 },
    );
    const run = await runInProcess(["backups", "create", tenant.slug], terminal);
    expect(run.exitCode, run.stderr).toBe(EXIT_OK);
    expect(written).toMatch(/Backup \[.*\] 100%/);
    expect(run.stdout).toContain("Backed up");
    written = "";
    await runInProcess(["backups", "create", tenant.slug, "--json"], terminal);
    expect(written).toBe("");
  });

  it("refuses unknown ids and slugs with exit 1", async () => {
    for (const args of [["backups", "show", "bk-20200101t000000z-00000000"], ["backups", "verify", "nonsense"], ["backups", "list", "no-such-tenant"], ["backups", "create", "no-such-tenant"]]) {
      const error = await cli<ErrorJson>(args, EXIT_ERROR);
      expect(error.error.code).toBe("not_found");
    }
  });

  it("deletes a backup only with --yes", async () => {
    const extra = await cli<BackupSummary>(["backups", "create", tenant.slug]);
    expect((await cli<ErrorJson>(["backups", "delete", extra.id], EXIT_ERROR)).error.code).toBe("bad_request");
    await cli(["backups", "delete", extra.id, "--yes"]);
    expect((await cli<ErrorJson>(["backups", "show", extra.id], EXIT_ERROR)).error.code).toBe("not_found");
    expect(await backupStore().listKeys(backupStore().backupPrefix(tenant.id, extra.id))).toEqual([]);
  });
});
