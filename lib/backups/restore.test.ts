import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawn } from "node:child_process";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "@/lib/cli/output";
import { loadMigrations } from "@/lib/db/migrations";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { deleteObject, getTenantObjectStream, putObject } from "@/lib/storage/s3";
import { migrationsWithExtraTenantFiles } from "@/lib/testing/migrations-fixture";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { backupStore } from "./backup-store";
import { seedRichTenant, tenantFingerprint } from "./backup-test-support";
import { createBackup } from "./create-backup";
import { findBackup } from "./find-backup";
import type { BackupSummary } from "./manifest";
import { restoreBackup, type RestoreResult } from "./restore-backup";

async function cli<T>(args: string[], expectedExit = EXIT_OK): Promise<T> {
  const run = await runInProcess([...args, "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(expectedExit);
  return parsed<T>(run);
}

function storeClient(): S3Client {
  const { config } = backupStore();
  return new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } });
}

/** Audit rows only grow (a restore keeps the record of what happened since); compare the rest exactly. */
function withoutAudit(fingerprint: Record<string, unknown>): Record<string, unknown> {
  const { "public.audit_logs": _audit, ...rest } = fingerprint;
  return rest;
}

async function leftoverSchemas(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname ~ '^tenant_[0-9a-f]{32}_'");
  return rows.map((row) => row.nspname);
}

/** Changes every part of the tenant: rows of its schema and of shared tables, and files (one removed, one added, one rewritten). */
async function mutate(tenant: Awaited<ReturnType<typeof seedRichTenant>>): Promise<void> {
  const schema = quoteIdent(tenantSchemaName(tenant.id));
  const pool = ownerPool();
  await pool.query(`UPDATE ${schema}.properties SET name = 'Changed', price = price + 1`);
  await pool.query(`DELETE FROM ${schema}.leads`);
  await pool.query(`INSERT INTO ${schema}.properties (name, address, price, type) VALUES ('New', 'x', 1, 'land')`);
  await pool.query("UPDATE public.tenant_settings SET primary_color = '#000000' WHERE tenant_id = $1", [tenant.id]);
  await pool.query("INSERT INTO public.users (tenant_id, email, role, status) VALUES ($1, $2, 'agent', 'invited')", [tenant.id, `late@${tenant.slug}.test`]);
  await pool.query("UPDATE public.tenants SET name = 'Renamed' WHERE id = $1", [tenant.id]);
  await deleteObject(tenant.files[0]!);
  await putObject(tenant.files[1]!, "<svg>rewritten</svg>", "image/svg+xml", { tenant_id: tenant.id, kind: "logo" });
  await putObject(`${tenantSchemaName(tenant.id)}/documents/added-later.txt`, "later", "text/plain", { tenant_id: tenant.id });
}

describe("backups restore", () => {
  let tenant: Awaited<ReturnType<typeof seedRichTenant>>;
  let other: Awaited<ReturnType<typeof seedRichTenant>>;
  let atBackup: Record<string, unknown>;
  let backup: BackupSummary;

  beforeAll(async () => {
    tenant = await seedRichTenant();
    other = await seedRichTenant();
    atBackup = await tenantFingerprint(tenant.id);
    backup = await cli<BackupSummary>(["backups", "create", tenant.slug]);
  });

  it("restores row-for-row and byte-for-byte, while another tenant and readers of this one see no half state", async () => {
    await mutate(tenant);
    const otherBefore = await tenantFingerprint(other.id);
    const changedCount = Number((await ownerPool().query(`SELECT count(*) FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties`)).rows[0].count);
    let done = false;
    const seen = new Set<number>();
    const reader = (async () => {
      while (!done) {
        const { rows } = await ownerPool().query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE name = 'Changed')::int AS changed FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties`);
        // Either all rows are the changed ones (before) or none (after): never a mix.
        expect([0, rows[0].n - 1]).toContain(rows[0].changed);
        seen.add(rows[0].n);
      }
    })();
    const result = await cli<RestoreResult>(["backups", "restore", backup.id, "--yes"]).finally(() => (done = true));
    await reader;
    expect([...seen].every((n) => n === changedCount || n === 5)).toBe(true);
    expect(result).toMatchObject({ backup: backup.id, mode: "full", tenant: { id: tenant.id, slug: tenant.slug }, migratedForward: [], files: { restored: 2, unchanged: 0, removed: 1 } });
    expect(result.tables.properties).toBe(5);
    const after = await tenantFingerprint(tenant.id);
    expect(withoutAudit(after)).toEqual(withoutAudit(atBackup));
    expect(after["public.audit_logs"]).toEqual(expect.arrayContaining(atBackup["public.audit_logs"] as unknown[]));
    expect(await tenantFingerprint(other.id)).toEqual(otherBefore);
    expect(await leftoverSchemas()).toEqual([]);
  });

  it("a restore stopped before its commit leaves the tenant exactly as it was, and re-running completes", async () => {
    await mutate(tenant);
    const before = await tenantFingerprint(tenant.id);
    for (const step of ["schema-loaded", "migrated", "shared-staged", "files-staged", "swapped"] as const) {
      const failure = await restoreBackup(backup.id, {
        onStep: (reached) => {
          if (reached === step) throw new Error(`killed at ${step}`);
        },
      }).catch((error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain(`killed at ${step}`);
      expect(withoutAudit(await tenantFingerprint(tenant.id))).toEqual(withoutAudit(before));
      expect(await leftoverSchemas()).toEqual([]);
    }
    await restoreBackup(backup.id);
    expect(withoutAudit(await tenantFingerprint(tenant.id))).toEqual(withoutAudit(atBackup));
  });

  it("a restore process killed (SIGKILL) in the middle of loading changes nothing; re-running completes", async () => {
    const big = await seedRichTenant({ properties: 20_000 });
    const { summary } = await createBackup(big.slug);
    await ownerPool().query(`UPDATE ${quoteIdent(tenantSchemaName(big.id))}.properties SET name = 'Changed'`);
    const before = await tenantFingerprint(big.id);
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("lib/cli/anchor.ts"), "backups", "restore", summary.id, "--yes", "--json"], { env: process.env, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    // Kill it once its connection is copying rows into the aside schema.
    let copying = false;
    while (!copying && child.exitCode === null) {
      const { rows } = await ownerPool().query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'COPY %\\_restore\\_%FROM STDIN%' AND datname = current_database() AND pid <> pg_backend_pid()");
      copying = rows.length > 0;
    }
    expect(copying).toBe(true);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(withoutAudit(await tenantFingerprint(big.id))).toEqual(withoutAudit(before));
    const rerun = await cli<RestoreResult>(["backups", "restore", summary.id, "--yes"]);
    expect(rerun.tables.properties).toBe(20_000);
    const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM ${quoteIdent(tenantSchemaName(big.id))}.properties WHERE name = 'Changed'`);
    expect(rows[0].n).toBe(0);
    expect(await leftoverSchemas()).toEqual([]);
  });

  it("restores only the named tables, or only the files", async () => {
    await restoreBackup(backup.id);
    const schema = quoteIdent(tenantSchemaName(tenant.id));
    await ownerPool().query(`UPDATE ${schema}.properties SET name = 'Changed'`);
    await ownerPool().query(`UPDATE ${schema}.leads SET status = 'handled'`);
    await deleteObject(tenant.files[0]!);
    const beforePartial = await tenantFingerprint(tenant.id);
    const result = await cli<RestoreResult>(["backups", "restore", backup.id, "--yes", "--tables", "properties"]);
    expect(result).toMatchObject({ mode: "partial", tables: { properties: 5 }, files: null });
    const afterPartial = await tenantFingerprint(tenant.id);
    expect(afterPartial.properties).toEqual(atBackup.properties);
    expect(withoutAudit({ ...afterPartial, properties: null })).toEqual(withoutAudit({ ...beforePartial, properties: null }));

    const filesOnly = await cli<RestoreResult>(["backups", "restore", backup.id, "--yes", "--files"]);
    expect(filesOnly.files).toEqual({ restored: 1, unchanged: 1, removed: 0 });
    const afterFiles = await tenantFingerprint(tenant.id);
    expect(afterFiles.files).toEqual(atBackup.files);
    expect(afterFiles.leads).toEqual(beforePartial.leads);
  });

  it("refuses a partial restore that would break references, changing nothing", async () => {
    await restoreBackup(backup.id);
    const schema = quoteIdent(tenantSchemaName(tenant.id));
    const { rows } = await ownerPool().query(`INSERT INTO ${schema}.properties (name, address, price, type) VALUES ('Later', 'y', 2, 'land') RETURNING id`);
    await ownerPool().query(`INSERT INTO ${schema}.transactions (property_id, kind, amount) VALUES ($1, 'fee', 3)`, [rows[0].id]);
    const before = await tenantFingerprint(tenant.id);
    const error = await cli<ErrorJson>(["backups", "restore", backup.id, "--yes", "--tables", "properties"], EXIT_ERROR);
    expect(error.error).toMatchObject({ code: "conflict", message: expect.stringContaining("transactions") });
    expect(withoutAudit(await tenantFingerprint(tenant.id))).toEqual(withoutAudit(before));
    await restoreBackup(backup.id);
  });

  it("clones into a new tenant: new ids, users copied with new ids, files under its own prefix", async () => {
    const sourceBefore = await tenantFingerprint(tenant.id);
    const slug = `clone-${tenant.slug}`;
    const result = await cli<RestoreResult>(["backups", "restore", backup.id, "--yes", "--as-new-slug", slug]);
    expect(result.mode).toBe("clone");
    expect(result.tenant.slug).toBe(slug);
    expect(result.tenant.id).not.toBe(tenant.id);
    const clone = await tenantFingerprint(result.tenant.id);
    expect(clone.properties).toEqual(atBackup.properties);
    expect(clone.transactions).toEqual(atBackup.transactions);
    const sourceUsers = atBackup["public.users"] as Array<{ id: string; email: string; session_version: number }>;
    const cloneUsers = clone["public.users"] as Array<{ id: string; email: string; tenant_id: string; session_version: number }>;
    expect(cloneUsers.map((user) => user.email).sort()).toEqual(sourceUsers.map((user) => user.email).sort());
    for (const user of cloneUsers) {
      expect(sourceUsers.map((source) => source.id)).not.toContain(user.id);
      expect(user.tenant_id).toBe(result.tenant.id);
      expect(user.session_version).toBe(1);
    }
    expect(clone["public.password_tokens"]).toEqual([]);
    expect(clone["public.handoff_tokens"]).toEqual([]);
    const [document] = clone.documents as Array<{ key: string; uploader_id: string }>;
    expect(document!.key.startsWith(`${tenantSchemaName(result.tenant.id)}/`)).toBe(true);
    expect(cloneUsers.map((user) => user.id)).toContain(document!.uploader_id);
    const object = await getTenantObjectStream(result.tenant.id, document!.key);
    expect(object).not.toBeNull();
    await object!.body.cancel();
    expect(Object.keys(clone.files as object).sort()).toEqual(Object.keys(atBackup.files as object).sort());
    const settings = (clone["public.tenant_settings"] as Array<{ logo_url: string }>)[0]!;
    expect(settings.logo_url).toContain(tenantSchemaName(result.tenant.id));
    expect(withoutAudit(await tenantFingerprint(tenant.id))).toEqual(withoutAudit(sourceBefore));
    const taken = await cli<ErrorJson>(["backups", "restore", backup.id, "--yes", "--as-new-slug", slug], EXIT_ERROR);
    expect(taken.error.code).toBe("conflict");
  });

  it("migrates an older backup forward and refuses a newer one", async () => {
    const root = await migrationsWithExtraTenantFiles({ "0099_property_notes.sql": "ALTER TABLE properties ADD COLUMN notes text NOT NULL DEFAULT 'none';" });
    const result = await restoreBackup(backup.id, { migrationsRoot: root });
    expect(result.migratedForward).toEqual(["0099"]);
    expect(result.schemaVersion).toEqual({ backup: "0005", restored: "0099" });
    const { rows } = await ownerPool().query(`SELECT DISTINCT notes FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties`);
    expect(rows).toEqual([{ notes: "none" }]);

    const newer = await seedTenant({}, { tenantMigrations: await loadMigrations(root, "tenant") });
    const { summary } = await createBackup(newer.slug);
    expect(summary.schemaVersion).toBe("0099");
    const before = await tenantFingerprint(newer.id);
    const refused = await cli<ErrorJson>(["backups", "restore", summary.id, "--yes"], EXIT_ERROR);
    expect(refused.error).toMatchObject({ code: "conflict", message: expect.stringContaining("newer") });
    expect(withoutAudit(await tenantFingerprint(newer.id))).toEqual(withoutAudit(before));
  });

  it("refuses bad input with exit 1 and changes nothing", async () => {
    const before = await tenantFingerprint(other.id);
    const cases: Array<[string[], string]> = [
      [["backups", "restore", "bk-20200101t000000z-00000000", "--yes"], "not_found"],
      [["backups", "restore", backup.id], "bad_request"],
      [["backups", "restore", backup.id, "--yes", "--to", other.slug], "conflict"],
      [["backups", "restore", backup.id, "--yes", "--tables", "properties,nope"], "bad_request"],
      [["backups", "restore", backup.id, "--yes", "--as-new-slug", "Bad Slug!"], "validation_failed"],
    ];
    for (const [args, code] of cases) expect([args.join(" "), (await cli<ErrorJson>(args, EXIT_ERROR)).error.code]).toEqual([args.join(" "), code]);
    expect(await tenantFingerprint(other.id)).toEqual(before);
  });

  it("refuses a damaged backup or one whose store fails midway, leaving the tenant as it was", async () => {
    const fresh = await seedRichTenant();
    const { summary } = await createBackup(fresh.slug);
    const manifest = await findBackup(summary.id);
    const base = backupStore().backupPrefix(fresh.id, summary.id);
    await ownerPool().query(`UPDATE ${quoteIdent(tenantSchemaName(fresh.id))}.properties SET name = 'Changed'`);
    await deleteObject(fresh.files[1]!);
    const before = await tenantFingerprint(fresh.id);

    const transactions = manifest.tables.find((table) => table.name === "transactions")!;
    // Still valid COPY data, one amount changed: only the checksum can tell.
    const original = (await buffer(await backupStore().getStream(`${base}${transactions.object}`))).toString("utf8");
    expect(original).toContain("1234.56");
    await storeClient().send(new PutObjectCommand({ Bucket: backupStore().bucket, Key: `${base}${transactions.object}`, Body: original.replace("1234.56", "1234.57") }));
    const damaged = await cli<ErrorJson>(["backups", "restore", summary.id, "--yes"], EXIT_ERROR);
    expect(damaged.error).toMatchObject({ code: "conflict", message: expect.stringContaining("is damaged: table transactions") });
    expect(withoutAudit(await tenantFingerprint(fresh.id))).toEqual(withoutAudit(before));

    const { summary: second } = await createBackup(fresh.slug);
    const secondManifest = await findBackup(second.id);
    // The live copy is gone too, so the restore must fetch it from the store, which fails after the tables loaded.
    const document = secondManifest.files.find((file) => file.name.startsWith("documents/"))!;
    await storeClient().send(new DeleteObjectCommand({ Bucket: backupStore().bucket, Key: `${backupStore().backupPrefix(fresh.id, second.id)}${document.object}` }));
    await deleteObject(fresh.files[0]!);
    await ownerPool().query(`UPDATE ${quoteIdent(tenantSchemaName(fresh.id))}.properties SET name = 'Changed again'`);
    const beforeSecond = await tenantFingerprint(fresh.id);
    const midway = await cli<ErrorJson>(["backups", "restore", second.id, "--yes"], EXIT_ERROR);
    expect(midway.error.message).toContain("nothing was changed");
    expect(withoutAudit(await tenantFingerprint(fresh.id))).toEqual(withoutAudit(beforeSecond));
  });
});
