import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { sharedDb } from "@/lib/db/shared-client";
import { testDnsZone } from "@/lib/testing/database-per-file";
import { spawnCli, type CliRun } from "@/lib/testing/spawn-cli";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { runCli } from "./anchor";
import { EXIT_ERROR, EXIT_OK } from "./output";

async function cli(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { exitCode, stdout, stderr };
}

const json = <T>(run: CliRun): T => JSON.parse(run.stdout) as T;

describe("anchor admins create", () => {
  it("creates a platform admin with a given or a generated password", async () => {
    const given = await cli("admins", "create", "--email", "Ops@Platform.test", "--password", "a long enough password", "--json");
    expect(given.exitCode).toBe(EXIT_OK);
    expect(json(given)).toMatchObject({ email: "ops@platform.test", generatedPassword: false, loginUrl: "http://admin.localhost:3000/login" });
    expect(json<Record<string, unknown>>(given)).not.toHaveProperty("password");
    await expect(authenticateWithPassword({ tenantId: null, email: "ops@platform.test", password: "a long enough password", ip: "192.0.2.1", userAgent: null })).resolves.toMatchObject({ role: "platform_admin" });

    const generated = await cli("admins", "create", "--email", "second@platform.test", "--json");
    const { password } = json<{ password: string }>(generated);
    expect(password.length).toBeGreaterThanOrEqual(16);
    await expect(authenticateWithPassword({ tenantId: null, email: "second@platform.test", password, ip: "192.0.2.1", userAgent: null })).resolves.toMatchObject({ role: "platform_admin" });
  });

  it.each([
    [["--email", "ops@platform.test", "--password", "a long enough password"], "already exists"],
    [["--email", "not-an-email"], "valid email"],
    [["--email", "short@platform.test", "--password", "short"], "at least 12"],
  ])("refuses %o and creates nothing", async (args, message) => {
    await cli("admins", "create", "--email", "ops@platform.test", "--password", "a long enough password").catch(() => undefined);
    const before = await sharedDb().user.count({ where: { tenantId: null } });
    const run = await cli("admins", "create", ...args);
    expect(run.exitCode).toBe(EXIT_ERROR);
    expect(run.stderr).toContain(message);
    expect(await sharedDb().user.count({ where: { tenantId: null } })).toBe(before);
  });
});

describe("anchor domains", () => {
  it("add → records to create; verify fails then succeeds through real DNS; recheck; remove", async () => {
    const tenant = await seedTenant();
    const added = await cli("domains", "add", tenant.slug, "Homes.CLI-Example.test", "--json");
    expect(added.exitCode).toBe(EXIT_OK);
    const status = json<{ domain: string; verified: boolean; instructions: { txt: { name: string; value: string } } }>(added);
    expect(status).toMatchObject({ domain: "homes.cli-example.test", verified: false, instructions: { txt: { name: "_assetanchor-challenge.homes.cli-example.test" } } });

    const human = await cli("domains", "show", tenant.slug);
    expect(human.stdout).toContain(`TXT    _assetanchor-challenge.homes.cli-example.test  "${status.instructions.txt.value}"`);

    const missing = await spawnCli(["domains", "verify", tenant.slug]);
    expect(missing.exitCode).toBe(EXIT_ERROR);
    expect(missing.stdout).toContain("found no TXT record");

    testDnsZone.set("_assetanchor-challenge.homes.cli-example.test", { TXT: [status.instructions.txt.value] });
    testDnsZone.set("homes.cli-example.test", { CNAME: "cname.platform.test" });
    const verified = await spawnCli(["domains", "verify", tenant.slug, "--json"]);
    expect(verified.exitCode).toBe(EXIT_OK);
    expect(json(verified)).toMatchObject({ verified: true });
    expect(json(await cli("tenants", "show", tenant.slug, "--json"))).toMatchObject({ customDomain: "homes.cli-example.test", customDomainVerified: true });

    testDnsZone.delete("_assetanchor-challenge.homes.cli-example.test");
    const recheck = await cli("domains", "recheck", "--json");
    expect(recheck.exitCode).toBe(EXIT_OK);
    expect(json<{ failing: Array<{ domain: string }> }>(recheck).failing.map((entry) => entry.domain)).toContain("homes.cli-example.test");

    const removed = await cli("domains", "remove", tenant.slug, "--json");
    expect(removed.exitCode).toBe(EXIT_OK);
    expect(json(removed)).toMatchObject({ domain: null, verified: false });
  });

  it("refuses bad domains and unknown tenants with exit 1", async () => {
    const tenant = await seedTenant();
    expect((await cli("domains", "add", tenant.slug, "10.0.0.1")).exitCode).toBe(EXIT_ERROR);
    expect((await cli("domains", "add", "no-such-tenant", "ok.example.com")).stderr).toContain("No tenant with slug");
    expect((await cli("domains", "verify", tenant.slug)).stderr).toContain("Add a custom domain before verifying it");
  });
});
