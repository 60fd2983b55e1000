import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "@/lib/testing/database-per-file";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { parsed, runInProcess, type ErrorJson } from "./cli-test-support";
import { EXIT_ERROR, EXIT_OK, EXIT_PARTIAL_FAILURE, EXIT_USAGE } from "./output";

interface CreatedTenantJson {
  id: string;
  slug: string;
  schema: string;
  status: string;
  adminEmail: string;
  setPasswordUrl: string;
}

interface TenantJson {
  id: string;
  slug: string;
  schema: string;
  status: string;
  customDomain: string | null;
  customDomainVerified: boolean;
}

interface SummaryJson {
  shared: { applied: string[] };
  tenants: { total: number; migrated: number; upToDate: number; failed: Array<{ tenantId: string; schema: string; error: string }> };
  appliedTenantMigrations: number;
}


/** Stands in for an interactive stderr: cli-progress draws only on a stream that says it is a TTY. */
function fakeTerminal(): { stream: Writable; written: () => string } {
  let written = "";
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    }),
    { isTTY: true, columns: 120 },
  );
  return { stream, written: () => written };
}

let slugCounter = 0;
function uniqueSlug(prefix: string): string {
  return `${prefix}-${process.pid}-${++slugCounter}`;
}

async function createInProcess(slug: string): Promise<CreatedTenantJson> {
  const run = await runInProcess(["tenants", "create", "--name", `Tenant ${slug}`, "--slug", slug, "--admin-email", `owner@${slug}.test`, "--no-welcome-email", "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(EXIT_OK);
  return parsed<CreatedTenantJson>(run);
}

const db = new pg.Client({ connectionString: testDatabase.url });

async function schemaExists(schema: string): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return rowCount === 1;
}

async function tenantRowCount(slug: string): Promise<number> {
  const { rows } = await db.query<{ count: string }>("SELECT count(*) FROM public.tenants WHERE slug = $1", [slug]);
  return Number(rows[0]!.count);
}

beforeAll(async () => {
  await db.connect();
});

afterAll(async () => {
  await db.end();
});

describe("anchor CLI, spawned as a real process", () => {
  it("creates a tenant and prints it as JSON; a duplicate slug exits 1 and creates nothing", async () => {
    const slug = uniqueSlug("acme");
    const created = await spawnCli(["tenants", "create", "--name", "Acme Realty", "--slug", slug, "--admin-email", "A@Acme.test", "--json"]);

    expect(created.exitCode, created.stderr).toBe(EXIT_OK);
    const tenant = parsed<CreatedTenantJson>(created);
    expect(tenant).toMatchObject({ slug, status: "active", adminEmail: "a@acme.test" });
    expect(tenant.schema).toBe(`tenant_${tenant.id.replaceAll("-", "")}`);
    expect(tenant.schema).toMatch(/^tenant_[0-9a-f]{32}$/);
    expect(tenant.setPasswordUrl).toContain(`${slug}.localhost:3000/set-password?token=`);
    expect(await schemaExists(tenant.schema)).toBe(true);

    const duplicate = await spawnCli(["tenants", "create", "--name", "Other Acme", "--slug", slug, "--admin-email", "b@acme.test", "--json"]);

    expect(duplicate.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(duplicate).error).toMatchObject({ code: "conflict", fieldErrors: { slug: ["This slug is already taken"] } });
    expect(await tenantRowCount(slug)).toBe(1);
  });

  it("lists, suspends and deletes; delete without --yes changes nothing", async () => {
    const tenant = await createInProcess(uniqueSlug("life"));

    const [listed, suspended] = await Promise.all([
      spawnCli(["tenants", "list", "--json"]),
      spawnCli(["tenants", "suspend", tenant.slug, "--json"]),
    ]);
    expect(listed.exitCode, listed.stderr).toBe(EXIT_OK);
    expect(parsed<TenantJson[]>(listed).map((each) => each.slug)).toContain(tenant.slug);
    expect(suspended.exitCode, suspended.stderr).toBe(EXIT_OK);
    expect(parsed<TenantJson>(suspended)).toMatchObject({ slug: tenant.slug, status: "suspended" });

    const refused = await spawnCli(["tenants", "delete", tenant.slug, "--json"]);
    expect(refused.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(refused).error.message).toContain("without --yes");
    expect(await schemaExists(tenant.schema)).toBe(true);

    const deleted = await spawnCli(["tenants", "delete", tenant.slug, "--yes", "--json"]);
    expect(deleted.exitCode, deleted.stderr).toBe(EXIT_OK);
    expect(parsed<TenantJson>(deleted)).toMatchObject({ slug: tenant.slug, schema: tenant.schema, status: "deleted" });
    expect(await schemaExists(tenant.schema)).toBe(false);
  });

  it("migrate exits 0 with a summary when every tenant is up to date", async () => {
    await createInProcess(uniqueSlug("mig"));
    const { rows } = await db.query<{ count: string }>("SELECT count(*) FROM public.tenants WHERE status IN ('active', 'suspended')");

    const run = await spawnCli(["migrate", "--concurrency", "2", "--json"]);

    expect(run.exitCode, run.stderr).toBe(EXIT_OK);
    const summary = parsed<SummaryJson>(run);
    expect(summary.shared.applied).toEqual([]);
    expect(summary.tenants).toEqual({ total: Number(rows[0]!.count), migrated: 0, upToDate: Number(rows[0]!.count), failed: [] });
  });
});

describe("anchor CLI, in process", () => {
  it.each(["Bad Slug", "admin", "ab"])("refuses the slug %j, exits 1 and creates nothing", async (slug) => {
    const run = await runInProcess(["tenants", "create", "--name", "Bad", "--slug", slug, "--admin-email", "a@bad.test", "--json"]);

    expect(run.exitCode).toBe(EXIT_ERROR);
    const { error } = parsed<ErrorJson>(run);
    expect(error.code).toBe("validation_failed");
    expect(error.fieldErrors?.slug?.length).toBeGreaterThan(0);
    expect(await tenantRowCount(slug)).toBe(0);
  });

  it("refuses a bad email and an unknown plan with exit 1, printing the error to stderr", async () => {
    const slug = uniqueSlug("bad");
    const badEmail = await runInProcess(["tenants", "create", "--name", "Bad", "--slug", slug, "--admin-email", "not-an-email"]);
    const badPlan = await runInProcess(["tenants", "create", "--name", "Bad", "--slug", slug, "--admin-email", "a@bad.test", "--plan", "platinum"]);

    expect(badEmail).toMatchObject({ exitCode: EXIT_ERROR, stdout: "" });
    expect(badEmail.stderr).toMatch(/^Error: Cannot create tenant: adminEmail: Enter a valid email address/);
    expect(badPlan).toMatchObject({ exitCode: EXIT_ERROR, stdout: "" });
    expect(badPlan.stderr).toContain('Error: Cannot create tenant: unknown plan "platinum"');
    expect(await tenantRowCount(slug)).toBe(0);
  });

  it("shows, suspends, activates and sets a domain (unverified unless --verified)", async () => {
    const tenant = await createInProcess(uniqueSlug("show"));

    const shown = parsed<TenantJson>(await runInProcess(["tenants", "show", tenant.slug, "--json"]));
    expect(shown).toMatchObject({ id: tenant.id, schema: tenant.schema, status: "active", customDomain: null });

    expect(parsed<TenantJson>(await runInProcess(["tenants", "suspend", tenant.slug, "--json"])).status).toBe("suspended");
    expect(parsed<TenantJson>(await runInProcess(["tenants", "activate", tenant.slug, "--json"])).status).toBe("active");

    const domain = `homes.${tenant.slug}.example.com`;
    const unverified = await runInProcess(["tenants", "set-domain", tenant.slug, domain]);
    expect(unverified.exitCode).toBe(EXIT_OK);
    expect(unverified.stdout).toContain("unverified: it does not route yet");
    expect(unverified.stdout).toContain(`npm run anchor -- domains verify ${tenant.slug}`);
    const verified = parsed<TenantJson>(await runInProcess(["tenants", "set-domain", tenant.slug, domain, "--verified", "--json"]));
    expect(verified).toMatchObject({ customDomain: domain, customDomainVerified: true });

    const human = await runInProcess(["tenants", "show", tenant.slug]);
    expect(human.stdout).toMatch(new RegExp(`domain:\\s+${domain.replaceAll(".", "\\.")}\\n`));
  });

  it("reports an unknown slug as not_found and an already deleted tenant as a conflict", async () => {
    const missing = await runInProcess(["tenants", "show", "no-such-tenant", "--json"]);
    expect(missing.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(missing).error.code).toBe("not_found");

    const tenant = await createInProcess(uniqueSlug("gone"));
    expect((await runInProcess(["tenants", "delete", tenant.slug, "--yes"])).exitCode).toBe(EXIT_OK);
    const again = await runInProcess(["tenants", "delete", tenant.slug, "--yes", "--json"]);
    expect(again.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(again).error.code).toBe("conflict");
  });

  it("exits 2 on a usage error, as JSON with --json", async () => {
    const run = await runInProcess(["tenants", "create", "--slug", "usage-test", "--json"]);
    expect(run.exitCode).toBe(EXIT_USAGE);
    expect(parsed<ErrorJson>(run).error).toMatchObject({ code: "usage" });
    expect(await tenantRowCount("usage-test")).toBe(0);
  });

  it("prints a readable migration summary without --json", async () => {
    await createInProcess(uniqueSlug("sum"));
    const run = await runInProcess(["migrate"]);
    expect(run.exitCode, run.stderr).toBe(EXIT_OK);
    expect(run.stdout).toMatch(/^Shared schema: up to date\nTenant schemas: \d+ total, 0 migrated, \d+ up to date, 0 failed/);
  });

  it("draws a progress bar when stderr is a terminal, and never with --json", async () => {
    await createInProcess(uniqueSlug("bar"));
    const terminal = fakeTerminal();
    expect((await runInProcess(["migrate"], terminal.stream)).exitCode).toBe(EXIT_OK);
    expect(terminal.written()).toMatch(/Tenant schemas \[.*\] (\d+)\/\1 \| 100%/);

    const quiet = fakeTerminal();
    const json = await runInProcess(["migrate", "--json"], quiet.stream);
    expect(json.exitCode).toBe(EXIT_OK);
    expect(parsed<SummaryJson>(json).tenants.failed).toEqual([]);
    expect(quiet.written()).toBe("");
  });
});

describe("anchor migrate with a tenant that cannot take a migration", () => {
  let migrationsDir: string;

  beforeAll(async () => {
    migrationsDir = await mkdtemp(path.join(os.tmpdir(), "anchor-cli-migrations-"));
    await cp("prisma/migrations", migrationsDir, { recursive: true });
    await writeFile(path.join(migrationsDir, "tenant", "9001_cli_test_note.sql"), "ALTER TABLE properties ADD COLUMN cli_test_note text;\n");
  });

  afterAll(async () => {
    await rm(migrationsDir, { recursive: true, force: true });
  });

  it("migrates the others, reports the failure and exits non-zero", async () => {
    const healthy = await createInProcess(uniqueSlug("ok"));
    const broken = await createInProcess(uniqueSlug("broken"));
    await db.query(`ALTER TABLE "${broken.schema}".properties ADD COLUMN cli_test_note text`);

    const run = await spawnCli(["migrate", "--json"], { MIGRATIONS_DIR: migrationsDir });

    expect(run.exitCode, run.stderr).toBe(EXIT_PARTIAL_FAILURE);
    const summary = parsed<SummaryJson>(run);
    expect(summary.tenants.failed).toEqual([
      { tenantId: broken.id, schema: broken.schema, error: expect.stringContaining('column "cli_test_note" of relation "properties" already exists') },
    ]);
    expect(summary.tenants.migrated).toBe(summary.tenants.total - 1);
    const applied = await db.query<{ schema_name: string }>("SELECT schema_name FROM public.schema_migrations WHERE version = '9001'");
    expect(applied.rows.map((row) => row.schema_name)).toContain(healthy.schema);
    expect(applied.rows.map((row) => row.schema_name)).not.toContain(broken.schema);
  });
});
