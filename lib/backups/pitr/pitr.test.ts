import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsed, type ErrorJson } from "@/lib/cli/cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "@/lib/cli/output";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/dev/embedded-postgres";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { spawnCli } from "@/lib/testing/spawn-cli";
import type { RestoreToTimeResult } from "./restore-to-time";

// A server of its own with WAL archiving on (the test harness's shared one has none), driven through the real CLI.
let server: EmbeddedPostgresHandle;
let pitrDir: string;
let cliEnv: Record<string, string>;

async function anchor<T>(args: string[], expectedExit = EXIT_OK): Promise<T> {
  const run = await spawnCli([...args, "--json"], cliEnv);
  expect(run.exitCode, run.stdout + run.stderr).toBe(expectedExit);
  return parsed<T>(run);
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function propertyNames(tenantId: string): Promise<string[]> {
  return (await sql<{ name: string }>(`SELECT name FROM ${quoteIdent(tenantSchemaName(tenantId))}.properties ORDER BY name`)).map((row) => row.name);
}

beforeAll(async () => {
  pitrDir = await mkdtemp(path.join(tmpdir(), "anchor-pitr-test-"));
  server = await startEmbeddedPostgres({
    dataDir: path.join(pitrDir, "postgres"),
    password: randomBytes(8).toString("hex"),
    database: "anchor_pitr",
    persistent: false,
    walArchiveDir: path.join(pitrDir, "pitr", "wal"),
  });
  cliEnv = { DATABASE_URL: server.url, PITR_DIR: path.join(pitrDir, "pitr") };
  await anchor(["migrate"]);
});

afterAll(async () => {
  await server?.stop();
  await rm(pitrDir, { recursive: true, force: true });
});

describe("backups restore-to-time", () => {
  it("brings one tenant back to exactly its rows at T; another tenant keeps its later changes", async () => {
    const tenant = await anchor<{ id: string; slug: string }>(["tenants", "create", "--name", "Pitr One", "--slug", `pitr-one-${process.pid}`, "--admin-email", "one@pitr.test", "--no-welcome-email"]);
    const other = await anchor<{ id: string; slug: string }>(["tenants", "create", "--name", "Pitr Two", "--slug", `pitr-two-${process.pid}`, "--admin-email", "two@pitr.test", "--no-welcome-email"]);
    const insert = (tenantId: string, name: string) => sql(`INSERT INTO ${quoteIdent(tenantSchemaName(tenantId))}.properties (name, address, price, type) VALUES ($1, 'x', 1, 'land')`, [name]);
    await insert(tenant.id, "before base backup");
    await anchor(["backups", "base-backup"]);
    await insert(tenant.id, "after base, before T");
    await insert(other.id, "other before T");
    const at = (await sql<{ at: Date }>("SELECT clock_timestamp() AS at"))[0]!.at;
    const atT = await propertyNames(tenant.id);
    await sql(`DELETE FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties WHERE name = 'before base backup'`);
    await insert(tenant.id, "after T");
    await insert(other.id, "other after T");
    await sql("UPDATE public.tenant_settings SET primary_color = '#123456' WHERE tenant_id = $1", [tenant.id]);
    const otherNow = await propertyNames(other.id);

    const result = await anchor<RestoreToTimeResult>(["backups", "restore-to-time", tenant.slug, "--at", at.toISOString(), "--yes"]);
    expect(result).toMatchObject({ tenant: { id: tenant.id }, source: { kind: "recovered-instance" }, files: { source: "unchanged" } });
    expect(await propertyNames(tenant.id)).toEqual(atT);
    expect(atT).toEqual(["after base, before T", "before base backup"]);
    const [settings] = await sql<{ primary_color: string }>("SELECT primary_color FROM public.tenant_settings WHERE tenant_id = $1", [tenant.id]);
    expect(settings!.primary_color).toBe("#1d4ed8");
    expect(await propertyNames(other.id)).toEqual(otherNow);
    expect(otherNow).toContain("other after T");
    const leftovers = await sql("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%\\_%\\_%'");
    expect(leftovers).toEqual([]);
  });

  it("refuses a time before any base backup, a time in the future, and no --yes", async () => {
    const slug = `pitr-one-${process.pid}`;
    expect((await anchor<ErrorJson>(["backups", "restore-to-time", slug, "--at", "2001-01-01T00:00:00Z", "--yes"], EXIT_ERROR)).error.message).toContain("No base backup");
    expect((await anchor<ErrorJson>(["backups", "restore-to-time", slug, "--at", "2999-01-01T00:00:00Z", "--yes"], EXIT_ERROR)).error.message).toContain("future");
    expect((await anchor<ErrorJson>(["backups", "restore-to-time", slug, "--at", "2001-01-01T00:00:00Z"], EXIT_ERROR)).error.code).toBe("bad_request");
  });
});
