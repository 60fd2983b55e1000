import { describe, expect, it, vi } from "vitest";
import type { CustomDomainStatus } from "@/lib/domains/get-custom-domain";
import type { RecheckSummary } from "@/lib/domains/recheck-custom-domains";
import type { VerificationResult } from "@/lib/domains/verify-custom-domain";
import { testDnsZone } from "@/lib/testing/database-per-file";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { parsed, runInProcess, type ErrorJson } from "./cli-test-support";
import { EXIT_ERROR, EXIT_OK, EXIT_PARTIAL_FAILURE, EXIT_USAGE } from "./output";

interface TenantJson {
  customDomain: string | null;
  customDomainVerified: boolean;
}

/** Publishes what `domains add` asked for in this file's DNS server. */
function publishRecords(status: CustomDomainStatus): void {
  const { txt, cname } = status.instructions!;
  testDnsZone.set(txt.name, { TXT: [txt.value] });
  testDnsZone.set(cname.name, { CNAME: cname.value });
}

async function addVerifiedDomain(domain: string): Promise<{ slug: string; status: CustomDomainStatus }> {
  const tenant = await seedTenant();
  const status = parsed<CustomDomainStatus>(await runInProcess(["domains", "add", tenant.slug, domain, "--json"]));
  publishRecords(status);
  const verified = await runInProcess(["domains", "verify", tenant.slug, "--json"]);
  expect(verified.exitCode, verified.stdout).toBe(EXIT_OK);
  return { slug: tenant.slug, status };
}

describe("anchor domains", () => {
  it("add prints the records; verify fails, then passes through real DNS; recheck notices a removed TXT; remove", async () => {
    const tenant = await seedTenant();
    const added = await runInProcess(["domains", "add", tenant.slug, "Homes.CLI-Example.test", "--json"]);
    expect(added.exitCode, added.stdout).toBe(EXIT_OK);
    const status = parsed<CustomDomainStatus>(added);
    expect(status).toMatchObject({
      slug: tenant.slug,
      domain: "homes.cli-example.test",
      verified: false,
      instructions: {
        txt: { name: "_assetanchor-challenge.homes.cli-example.test", value: expect.stringMatching(/^aa-verify-/) },
        cname: { name: "homes.cli-example.test", value: "cname.platform.test" },
      },
    });
    const token = status.instructions!.txt.value;

    const shown = await runInProcess(["domains", "show", tenant.slug]);
    expect(shown.exitCode).toBe(EXIT_OK);
    expect(shown.stdout).toContain(`domains verify ${tenant.slug}`);
    expect(shown.stdout).toMatch(new RegExp(`TXT +_assetanchor-challenge\\.homes\\.cli-example\\.test +"${token}"`));
    expect(shown.stdout).toMatch(/CNAME +homes\.cli-example\.test +cname\.platform\.test/);

    // The real process, resolving through DNS_SERVERS (this file's server), which has no TXT yet.
    const missing = await spawnCli(["domains", "verify", tenant.slug]);
    expect(missing.exitCode, missing.stderr).toBe(EXIT_ERROR);
    expect(missing.stdout).toContain("found no TXT record");
    expect(parsed<TenantJson>(await runInProcess(["tenants", "show", tenant.slug, "--json"])).customDomainVerified).toBe(false);

    publishRecords(status);
    const verified = await spawnCli(["domains", "verify", tenant.slug, "--json"]);
    expect(verified.exitCode, verified.stdout + verified.stderr).toBe(EXIT_OK);
    expect(parsed<VerificationResult>(verified)).toMatchObject({ verified: true, message: "homes.cli-example.test is verified.", status: { verified: true } });
    expect(parsed<TenantJson>(await runInProcess(["tenants", "show", tenant.slug, "--json"]))).toEqual(
      expect.objectContaining({ customDomain: "homes.cli-example.test", customDomainVerified: true }),
    );

    const healthy = await runInProcess(["domains", "recheck", "--json"]);
    expect(healthy.exitCode).toBe(EXIT_OK);
    expect(parsed<RecheckSummary>(healthy)).toMatchObject({ healthy: expect.arrayContaining(["homes.cli-example.test"]), failing: [], errors: [] });

    testDnsZone.delete("_assetanchor-challenge.homes.cli-example.test");
    const failing = await runInProcess(["domains", "recheck"]);
    expect(failing.exitCode).toBe(EXIT_OK);
    expect(failing.stdout).toMatch(/failing +homes\.cli-example\.test since \S+: verification TXT record missing/);
    // Within the grace period it still routes, marked as failing.
    const afterRecheck = parsed<CustomDomainStatus>(await runInProcess(["domains", "show", tenant.slug, "--json"]));
    expect(afterRecheck).toMatchObject({ verified: true, failingSince: expect.any(String) });

    const removed = await runInProcess(["domains", "remove", tenant.slug]);
    expect(removed.exitCode).toBe(EXIT_OK);
    expect(removed.stdout).toContain(`Removed homes.cli-example.test from ${tenant.slug}`);
    expect(parsed<TenantJson>(await runInProcess(["tenants", "show", tenant.slug, "--json"]))).toMatchObject({ customDomain: null, customDomainVerified: false });
    const again = await runInProcess(["domains", "remove", tenant.slug, "--json"]);
    expect(again.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(again).error.code).toBe("conflict");
  });

  it("recheck exits 3 and lists the domain when its nameserver does not answer", async () => {
    const { slug } = await addVerifiedDomain("unreachable.cli-example.test");
    const realGet = testDnsZone.get.bind(testDnsZone);
    // Throwing in the server's handler drops the query, so the resolver times out as with a dead nameserver.
    const silenced = vi.spyOn(testDnsZone, "get").mockImplementation((name) => {
      if (name.endsWith("unreachable.cli-example.test")) throw new Error("nameserver does not answer");
      return realGet(name);
    });
    try {
      const run = await runInProcess(["domains", "recheck", "--json"]);
      expect(run.exitCode, run.stdout).toBe(EXIT_PARTIAL_FAILURE);
      const summary = parsed<RecheckSummary>(run);
      expect(summary.errors).toEqual([{ domain: "unreachable.cli-example.test", error: expect.stringContaining("DNS lookup of") }]);
      expect(summary.failing.map((entry) => entry.domain)).not.toContain("unreachable.cli-example.test");
    } finally {
      silenced.mockRestore();
    }
    // A resolver error is neither healthy nor failing: the domain stays verified and unmarked.
    expect(parsed<CustomDomainStatus>(await runInProcess(["domains", "show", slug, "--json"]))).toMatchObject({ verified: true, failingSince: null });
  });

  it("refuses bad domains, taken domains and unknown tenants with exit 1, and a missing argument with exit 2", async () => {
    const tenant = await seedTenant();
    const ip = await runInProcess(["domains", "add", tenant.slug, "10.0.0.1", "--json"]);
    expect(ip.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(ip).error).toMatchObject({ code: "validation_failed", fieldErrors: expect.any(Object) });

    await addVerifiedDomain("taken.cli-example.test");
    const taken = await runInProcess(["domains", "add", tenant.slug, "taken.cli-example.test"]);
    expect(taken.exitCode).toBe(EXIT_ERROR);
    expect(taken.stderr).toContain('Error: The domain "taken.cli-example.test" is already verified by another workspace');

    expect((await runInProcess(["domains", "add", "no-such-tenant", "ok.example.com"])).stderr).toContain("No tenant with slug");
    const early = await runInProcess(["domains", "verify", tenant.slug]);
    expect(early.exitCode).toBe(EXIT_ERROR);
    expect(early.stderr).toContain("Add a custom domain before verifying it");
    expect(parsed<CustomDomainStatus>(await runInProcess(["domains", "show", tenant.slug, "--json"]))).toMatchObject({ domain: null, instructions: null });

    const usage = await runInProcess(["domains", "add", tenant.slug, "--json"]);
    expect(usage.exitCode).toBe(EXIT_USAGE);
    expect(parsed<ErrorJson>(usage).error.code).toBe("usage");
  });

  it("recheck --help says it is meant for cron", async () => {
    const help = await runInProcess(["domains", "recheck", "--help"]);
    expect(help.exitCode).toBe(EXIT_OK);
    expect(help.stdout).toContain("Meant for cron");
    expect(help.stdout).toContain("domains recheck --json");
  });
});
