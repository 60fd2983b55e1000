import { readdir } from "node:fs/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { testDatabase, testDnsZone } from "@/lib/testing/database-per-file";
import { resetTenants, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { addCustomDomain } from "./add-custom-domain";
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

  it("refuses a domain another tenant holds", async () => {
    const other = await seedTenant();
    await addCustomDomain(other.id, "taken.example.com");
    expect((await failure(addCustomDomain(tenant.id, "taken.example.com"))).code).toBe("conflict");
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
