import { describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { forTenant } from "@/lib/db/tenant-client";
import { listObjectKeys } from "@/lib/storage/s3";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";
import { runAsTenant } from "@/lib/tenancy/context";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setLimitOverride } from "./set-limit-override";
import { setTenantPlan } from "./set-tenant-plan";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import * as documents from "@/app/t/[tenantId]/api/v1/documents/route";

// Quotas where they bite: the tenant profile's limits, refused with plan_limit (403) naming limit,
// usage and upgrade. Small limits come from enterprise contracts (overrides), as plans start at 10,000.

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
const NEW_PROPERTY = { name: "Canal House", address: "9 Lock Lane", price: 320000, type: "house" };
const PDF = new TextEncoder().encode(`%PDF-1.4\n${"x".repeat(600)}\n%%EOF\n`);

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

const createProperty = async (tenant: SeededTenant, token: string) =>
  callRoute(properties.POST, { host: hostOf(tenant), path: "/api/v1/properties", method: "POST", token, body: NEW_PROPERTY });

async function upload(tenant: SeededTenant, token: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], "report.pdf", { type: "application/pdf" }));
  const request = new Request(`http://${hostOf(tenant)}/api/v1/documents`, { method: "POST", headers: { host: hostOf(tenant), authorization: `Bearer ${token}` }, body: form });
  const response = await documents.POST(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const propertyCount = (tenant: SeededTenant) => runAsTenant(tenant.ref, "test", async () => await forTenant(tenant.ref).property.count());
const documentCount = (tenant: SeededTenant) => runAsTenant(tenant.ref, "test", async () => await forTenant(tenant.ref).document.count());

describe("properties quota", () => {
  it("a tenant at its limit is refused with plan_limit and the numbers; another tenant is unaffected; a higher limit lifts it at once", async () => {
    const small = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(small.slug, "properties", 2);
    const other = await seedTenant();
    const manager = await tokenFor(await seedUser(small.id, "manager"));
    const otherManager = await tokenFor(await seedUser(other.id, "manager"));

    await seedProperty(small.ref);
    expect((await createProperty(small, manager)).status).toBe(201);
    const refused = await createProperty(small, manager);
    expect(refused).toMatchObject({ status: 403, json: { error: "plan_limit" } });
    expect(refused.json!.message).toBe("Your Enterprise contract includes 2 properties; you have 2. Contact us to raise this limit in your Enterprise contract.");
    // The API body carries the same as data: the limit, the usage and how to get more.
    expect(refused.json!.details).toEqual([
      { limit: "properties", max: 2, usage: 2, requested: 1, plan: "Enterprise", upgrade: "Contact us to raise this limit in your Enterprise contract.", upgradeTo: null, upgradeUrl: "/dashboard/settings/plan" },
    ]);
    expect(await propertyCount(small)).toBe(2);

    expect((await createProperty(other, otherManager)).status).toBe(201);
    expect(await propertyCount(other)).toBe(1);

    await setLimitOverride(small.slug, "properties", 3);
    expect((await createProperty(small, manager)).status).toBe(201);
  });

  it("racing creates cannot both take the last place", async () => {
    const small = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(small.slug, "properties", 1);
    const manager = await tokenFor(await seedUser(small.id, "manager"));
    const outcomes = await Promise.all([createProperty(small, manager), createProperty(small, manager), createProperty(small, manager)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([201, 403, 403]);
    expect(await propertyCount(small)).toBe(1);
  });

  it("a contract's limit binds the service call too (plan_limit with details); on a plan again, the plan's limit applies", async () => {
    const tenant = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(tenant.slug, "properties", 1);
    await seedProperty(tenant.ref);
    const refused = await seedProperty(tenant.ref).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "plan_limit", details: [{ limit: "properties", max: 1, usage: 1, requested: 1, plan: "Enterprise" }] });
    // Back on a plan: its limit (10,000) applies again, the contract's override no longer does.
    await setTenantPlan(tenant.slug, "standard");
    await expect(seedProperty(tenant.ref)).resolves.toMatchObject({ name: "Harbour View" });
  });
});

describe("storage quota", () => {
  it("an upload past the tenant's storage is refused with plan_limit before anything is stored; another tenant is unaffected", async () => {
    const small = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(small.slug, "storageBytes", PDF.byteLength * 2);
    const other = await seedTenant();
    const manager = await tokenFor(await seedUser(small.id, "manager"));
    const otherManager = await tokenFor(await seedUser(other.id, "manager"));

    expect((await upload(small, manager, PDF)).status).toBe(201);
    expect((await upload(small, manager, PDF)).status).toBe(201);
    const refused = await upload(small, manager, PDF);
    expect(refused).toMatchObject({ status: 403, json: { error: "plan_limit" } });
    expect(refused.json!.message).toMatch(/includes 1\.\d+ KiB of document storage; you use 1\.\d+ KiB and this adds 6\d\d B\. Contact us/);
    expect(await documentCount(small)).toBe(2);
    expect(await listObjectKeys(tenantPrefix(small.id))).toHaveLength(2);

    expect((await upload(other, otherManager, PDF)).status).toBe(201);
    expect((await upload(other, otherManager, PDF)).status).toBe(201);
    expect((await upload(other, otherManager, PDF)).status).toBe(201);
  });
});
