import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "@/lib/cli/output";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { testDatabase } from "@/lib/testing/database-per-file";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { TENANT_SHARED_TABLES } from "@/lib/tenants/tenant-shared-tables";
import { seedRichTenant, tenantFingerprint } from "./backup-test-support";
import type { MoveReport } from "./move-tenant";
import { listSchemaTables, sharedRowsCondition, stableOrder } from "./table-catalog";

/** A second environment: its own database on the same server and its own app and backup buckets. */
const secondDatabase = `${testDatabase.name}_b`;
const secondUrl = new URL(testDatabase.url);
secondUrl.pathname = `/${secondDatabase}`;
const secondEnv = { DATABASE_URL: secondUrl.toString(), S3_BUCKET: "asset-anchor-test-b", BACKUP_S3_BUCKET: "asset-anchor-test-b-backups" };
let workDir: string;

async function inSecond<T>(args: string[], expectedExit = EXIT_OK): Promise<T> {
  const run = await spawnCli([...args, "--json"], secondEnv);
  expect(run.exitCode, run.stdout + run.stderr).toBe(expectedExit);
  return parsed<T>(run);
}

/** The same fingerprint as tenantFingerprint, read straight from the second environment's database and bucket. */
async function secondFingerprint(tenantId: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: secondEnv.DATABASE_URL });
  await client.connect();
  const schema = tenantSchemaName(tenantId);
  const result: Record<string, unknown> = {};
  try {
    for (const table of await listSchemaTables(client, schema)) {
      result[table.name] = (await client.query(`SELECT to_jsonb(t) AS row FROM ${quoteIdent(schema)}.${quoteIdent(table.name)} t ORDER BY ${stableOrder(table)}`)).rows.map((row: { row: unknown }) => row.row);
    }
    const shared = new Map((await listSchemaTables(client, "public")).map((table) => [table.name, table]));
    for (const entry of TENANT_SHARED_TABLES) {
      const query = `SELECT to_jsonb(t) AS row FROM public.${quoteIdent(entry.table)} t WHERE ${sharedRowsCondition(entry, tenantId)} ORDER BY ${stableOrder(shared.get(entry.table)!)}`;
      result[`public.${entry.table}`] = (await client.query(query)).rows.map((row: { row: unknown }) => row.row);
    }
  } finally {
    await client.end();
  }
  const s3 = new S3Client({ region: "us-east-1", endpoint: process.env.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  const files: Record<string, string> = {};
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: secondEnv.S3_BUCKET, Prefix: `${schema}/` }));
  for (const object of listed.Contents ?? []) {
    const response = await s3.send(new GetObjectCommand({ Bucket: secondEnv.S3_BUCKET, Key: object.Key }));
    const bytes = Buffer.from(await response.Body!.transformToByteArray());
    files[object.Key!.slice(schema.length + 1)] = `${createHash("sha256").update(bytes).digest("hex")} ${response.ContentType} ${JSON.stringify(response.Metadata ?? {})}`;
  }
  result.files = files;
  return result;
}

/** Rows that differ by design between environments: the tenant row's own timestamps and audit rows (each side audits its own runs). */
function comparable(fingerprint: Record<string, unknown>): Record<string, unknown> {
  const { "public.audit_logs": _audit, "public.tenants": tenants, ...rest } = fingerprint;
  return { ...rest, tenant: (tenants as Array<Record<string, unknown>>).map(({ id, name, slug, plan_id }) => ({ id, name, slug, plan_id })) };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "anchor-export-"));
  const admin = new pg.Client({ connectionString: testDatabase.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${secondDatabase}`);
  await admin.end();
  await inSecond(["migrate"]);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: testDatabase.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${secondDatabase} WITH (FORCE)`);
  await admin.end();
});

describe("tenants export / import between two environments", () => {
  it("moves a tenant with its files to another database and bucket, verified, and later updates it in place; the source never changes", async () => {
    const tenant = await seedRichTenant();
    const before = await tenantFingerprint(tenant.id);
    const file = path.join(workDir, `${tenant.slug}.tar`);
    const exported = parsed<MoveReport>(await runInProcess(["tenants", "export", tenant.slug, "--out", file, "--json"]));
    expect(exported).toMatchObject({ status: "success", details: { tablesMigrated: 12, filesMigrated: 2 } });
    expect(exported.details.dataTransferred).toBeGreaterThan(200_000);

    const imported = await inSecond<MoveReport>(["tenants", "import", file]);
    expect(imported).toMatchObject({ status: "success", tenant: { id: tenant.id, slug: tenant.slug }, details: exported.details });
    expect(imported.checks!.every((check) => check.ok)).toBe(true);
    expect(comparable(await secondFingerprint(tenant.id))).toEqual(comparable(before));
    const { "public.audit_logs": _sourceAudit, ...sourceAfter } = await tenantFingerprint(tenant.id);
    const { "public.audit_logs": _beforeAudit, ...sourceBefore } = before;
    expect(sourceAfter).toEqual(sourceBefore);

    await ownerPool().query(`UPDATE ${quoteIdent(tenantSchemaName(tenant.id))}.properties SET name = 'Moved again'`);
    const changed = await tenantFingerprint(tenant.id);
    const again = path.join(workDir, `${tenant.slug}-2.tar`);
    expect(parsed<MoveReport>(await runInProcess(["tenants", "export", tenant.slug, "--out", again, "--json"])).status).toBe("success");
    const updated = await inSecond<MoveReport>(["tenants", "import", again]);
    expect(updated).toMatchObject({ status: "success", message: expect.stringContaining("in place") });
    expect(comparable(await secondFingerprint(tenant.id))).toEqual(comparable(changed));
    expect((await inSecond<ErrorJson>(["tenants", "import", again], EXIT_ERROR)).error.message).toContain("already imported");
  });

  it("refuses a damaged export file and a file that is no export, importing nothing", async () => {
    const tenant = await seedRichTenant();
    const file = path.join(workDir, `${tenant.slug}.tar`);
    await runInProcess(["tenants", "export", tenant.slug, "--out", file]);
    const bytes = await readFile(file);
    const at = bytes.indexOf(Buffer.from("Property 3"));
    bytes.write("Property 9", at);
    const damaged = path.join(workDir, "damaged.tar");
    await writeFile(damaged, bytes);
    expect((await inSecond<ErrorJson>(["tenants", "import", damaged], EXIT_ERROR)).error.message).toContain("damaged");
    const junk = path.join(workDir, "junk.tar");
    await writeFile(junk, randomBytes(4096));
    expect((await inSecond<ErrorJson>(["tenants", "import", junk], EXIT_ERROR)).error.code).toBe("bad_request");
    const client = new pg.Client({ connectionString: secondEnv.DATABASE_URL });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM public.tenants WHERE id = $1", [tenant.id]);
    await client.end();
    expect(rowCount).toBe(0);
  });
});
