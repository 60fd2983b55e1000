import { readdir } from "node:fs/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { testDatabase, testDnsZone } from "@/lib/testing/database-per-file";
import { resetTenants, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { setFeatureFlag } from "@/lib/tenant-profile/set-feature-flag";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { addCustomDomain } from "./add-custom-domain";
import { DOMAIN_CLAIM_TTL_MS, getCustomDomain } from "./get-custom-domain";
import { recheckCustomDomains } from "./recheck-custom-domains";
import { removeCustomDomain } from "./remove-custom-domain";
import { verifyCustomDomain } from "./verify-custom-domain";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Publishes the records the settings page asks the customer to create. */
function publishRecords(domain: string, token: string, pointing: { CNAME?: string; A?: string[] } = { CNAME: "cname.platform.test" }): void {
  testDnsZone.set(`_assetanchor-challenge.${domain}`, { TXT: [token] });
  testDnsZone.set(domain, pointing);
}

async function routesTo(domain: string): Promise<string | null> {
  const resolved = await resolveHost(domain);
  return resolved.surface === "tenant" ? resolved.tenant.id : null;
}

describe("custom domain lifecycle", () => {
  let tenant: SeededTenant;
  beforeEach(async () => {
    testDnsZone.clear();
    await resetTenants();
    tenant = await seedTenant();
  });

  it("add gives a token and the records to create; the domain does not route until verified", async () => {
    const status = await addCustomDomain(tenant.id, "Homes.Example.COM");
    expect(status).toMatchObject({ domain: "homes.example.com", verified: false });
    expect(status.instructions).toEqual({
      txt: { name: "_assetanchor-challenge.homes.example.com", value: expect.stringMatching(/^aa-verify-[\w-]{20,}$/) },
      cname: { name: "homes.example.com", value: "cname.platform.test" },
    });
    expect(await routesTo("homes.example.com")).toBeNull();
  });

  it("a tenant whose profile lacks customDomain is refused with plan_limit (dashboard, CLI) and nothing is stored; another plan, or the flag back on, is allowed", async () => {
    await setFeatureFlag(tenant.slug, "customDomain", false);
    const refused = await failure(addCustomDomain(tenant.id, "blocked.example.com"));
    expect(refused).toMatchObject({
      code: "plan_limit",
      message: "A custom domain is turned off for your workspace. Contact us to have it turned back on.",
      fieldErrors: { domain: ["A custom domain is turned off for your workspace. Contact us to have it turned back on."] },
      details: [{ limit: "customDomain", max: 0, plan: "Standard" }],
    });
    expect((await failure(setTenantDomain(tenant.slug, "blocked.example.com", { verified: true }))).code).toBe("plan_limit");
    expect((await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).customDomain).toBeNull();

    const professional = await seedTenant({ plan: "professional" });
    expect(await addCustomDomain(professional.id, "allowed.example.com")).toMatchObject({ domain: "allowed.example.com", verified: false });

    await setFeatureFlag(tenant.slug, "customDomain", null);
    expect(await addCustomDomain(tenant.id, "blocked.example.com")).toMatchObject({ domain: "blocked.example.com" });
  });

  it.each([
    ["192.168.1.10", "IP address"],
    ["shop.localhost", "root domain"],
    ["not a domain", "domain name"],
  ])("refuses %s with a clear error and stores nothing", async (domain, message) => {
    const error = await failure(addCustomDomain(tenant.id, domain));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain(message);
    expect((await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).customDomain).toBeNull();
  });

  it("an unverified claim blocks nobody: the workspace that proves the TXT record first gets the domain, the other claim is released", async () => {
    const squatter = await seedTenant({ name: "Squatter Homes" });
    await addCustomDomain(squatter.id, "contested.example.com");
    const mine = await addCustomDomain(tenant.id, "contested.example.com");
    expect(mine).toMatchObject({ domain: "contested.example.com", verified: false, claimExpired: false });
    publishRecords("contested.example.com", mine.instructions!.txt.value);

    expect((await verifyCustomDomain(tenant.id)).verified).toBe(true);
    expect(await routesTo("contested.example.com")).toBe(tenant.id);
    const released = await sharedDb().tenant.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(released).toMatchObject({ customDomain: null, dnsVerificationToken: null, customDomainVerified: false });
    expect(await sharedDb().auditLog.count({ where: { tenantId: squatter.id, action: "domain.claim_released", target: "contested.example.com" } })).toBe(1);
    expect((await failure(verifyCustomDomain(squatter.id))).message).toBe("Add a custom domain before verifying it");
  });

  it("a domain another workspace verified is refused (409) without naming that workspace, and nothing changes", async () => {
    const owner = await seedTenant({ name: "Rightful Owner Realty" });
    const status = await addCustomDomain(owner.id, "owned.example.com");
    publishRecords("owned.example.com", status.instructions!.txt.value);
    await verifyCustomDomain(owner.id);
    await addCustomDomain(tenant.id, "mine.example.com");

    const refused = await failure(addCustomDomain(tenant.id, "owned.example.com"));
    expect(refused).toMatchObject({ code: "conflict", fieldErrors: { domain: ["Already verified elsewhere"] } });
    expect(refused.message).toContain("already verified by another workspace");
    expect(refused.message).not.toMatch(new RegExp(`Rightful|${owner.slug}|${owner.id}`));
    expect((await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).customDomain).toBe("mine.example.com");
    expect(await routesTo("owned.example.com")).toBe(owner.id);
  });

  it("an unverified claim expires after 7 days: verify refuses it (409, nothing looked up or changed) until the domain is added again", async () => {
    const status = await addCustomDomain(tenant.id, "late.example.com");
    publishRecords("late.example.com", status.instructions!.txt.value);
    await sharedDb().tenant.update({ where: { id: tenant.id }, data: { customDomainClaimedAt: new Date(Date.now() - DOMAIN_CLAIM_TTL_MS - 60_000) } });
    expect((await getCustomDomain(tenant.id)).claimExpired).toBe(true);

    const expired = await failure(verifyCustomDomain(tenant.id));
    expect(expired).toMatchObject({ code: "conflict" });
    expect(expired.message).toMatch(/expired .* Add the domain again/);
    expect(await routesTo("late.example.com")).toBeNull();

    const again = await addCustomDomain(tenant.id, "late.example.com");
    expect(again).toMatchObject({ claimExpired: false, claimExpiresAt: expect.any(String) });
    expect(new Date(again.claimExpiresAt!).getTime()).toBeGreaterThan(Date.now() + DOMAIN_CLAIM_TTL_MS - 60_000);
    publishRecords("late.example.com", again.instructions!.txt.value);
    expect((await verifyCustomDomain(tenant.id)).verified).toBe(true);
  });

  it("an operator vouching for a domain another workspace verified gets a 409, not a 500", async () => {
    const owner = await seedTenant();
    await setTenantDomain(owner.slug, "vouched.example.com", { verified: true });
    const squatter = await seedTenant();
    await sharedDb().tenant.update({ where: { id: squatter.id }, data: { customDomain: "vouched.example.com", customDomainClaimedAt: new Date() } });
    expect((await failure(setTenantDomain(squatter.slug, "vouched.example.com", { verified: true }))).code).toBe("conflict");
    expect(await routesTo("vouched.example.com")).toBe(owner.id);
  });

  it("verify fails with what DNS returned, then succeeds with the right TXT and routes at once", async () => {
    const status = await addCustomDomain(tenant.id, "verify.example.com");
    const token = status.instructions!.txt.value;

    const missing = await verifyCustomDomain(tenant.id);
    expect(missing.verified).toBe(false);
    expect(missing.message).toContain("found no TXT record");

    testDnsZone.set("_assetanchor-challenge.verify.example.com", { TXT: ["aa-verify-someone-else"] });
    const wrong = await verifyCustomDomain(tenant.id);
    expect(wrong.verified).toBe(false);
    expect(wrong.message).toContain('found "aa-verify-someone-else"');
    expect(await routesTo("verify.example.com")).toBeNull();

    publishRecords("verify.example.com", token);
    const ok = await verifyCustomDomain(tenant.id);
    expect(ok).toMatchObject({ verified: true, status: { verified: true } });
    expect(await routesTo("verify.example.com")).toBe(tenant.id);
    const audit = await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "domain.verified" } });
    expect(audit?.target).toBe("verify.example.com");
  });

  it("recheck keeps healthy domains, marks vanished records failing, and unverifies after the grace period with a mail to owners", async () => {
    const status = await addCustomDomain(tenant.id, "recheck.example.com");
    publishRecords("recheck.example.com", status.instructions!.txt.value);
    await verifyCustomDomain(tenant.id);
    const secondOwner = await seedUser(tenant.id, "owner");

    expect((await recheckCustomDomains()).healthy).toContain("recheck.example.com");

    testDnsZone.delete("_assetanchor-challenge.recheck.example.com");
    const first = await recheckCustomDomains();
    expect(first.failing).toEqual([expect.objectContaining({ domain: "recheck.example.com", reason: "verification TXT record missing" })]);
    expect(await routesTo("recheck.example.com")).toBe(tenant.id);

    const later = new Date(Date.now() + 73 * 3_600_000);
    const second = await recheckCustomDomains(later);
    expect(second.unverified).toEqual(["recheck.example.com"]);
    expect(await routesTo("recheck.example.com")).toBeNull();
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "domain.unverified" } })).toBe(1);
    const mails = await readdir(testDatabase.outboxDir);
    expect(mails.some((file) => file.includes(secondOwner.email))).toBe(true);
  });

  it("a CNAME that no longer points at us counts as failing; A records matching the target are fine", async () => {
    const status = await addCustomDomain(tenant.id, "apex-style.example.com");
    testDnsZone.set("cname.platform.test", { A: ["198.51.100.80"] });
    publishRecords("apex-style.example.com", status.instructions!.txt.value, { A: ["198.51.100.80"] });
    await verifyCustomDomain(tenant.id);
    expect((await recheckCustomDomains()).healthy).toEqual(["apex-style.example.com"]);
    testDnsZone.set("apex-style.example.com", { CNAME: "elsewhere.example.net" });
    expect((await recheckCustomDomains()).failing[0]).toMatchObject({ reason: "CNAME/A record no longer points at the platform" });
  });

  it("a domain moved to another tenant routes to the new tenant at once", async () => {
    const other = await seedTenant();
    const first = await addCustomDomain(tenant.id, "moving.example.com");
    publishRecords("moving.example.com", first.instructions!.txt.value);
    await verifyCustomDomain(tenant.id);
    expect(await routesTo("moving.example.com")).toBe(tenant.id);

    await removeCustomDomain(tenant.id);
    expect(await routesTo("moving.example.com")).toBeNull();
    const second = await addCustomDomain(other.id, "moving.example.com");
    publishRecords("moving.example.com", second.instructions!.txt.value);
    await verifyCustomDomain(other.id);
    expect(await routesTo("moving.example.com")).toBe(other.id);
  });

  it("remove without a domain is a clear conflict", async () => {
    expect((await failure(removeCustomDomain(tenant.id))).code).toBe("conflict");
    await ownerPool().query("SELECT 1");
  });
});
