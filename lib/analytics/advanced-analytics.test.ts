import { describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { forTenant } from "@/lib/db/tenant-client";
import { runAsTenant } from "@/lib/tenancy/context";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setFeatureFlag } from "@/lib/tenant-profile/set-feature-flag";
import { setTenantPlan } from "@/lib/tenant-profile/set-tenant-plan";
import { createTransaction } from "@/lib/transactions/create-transaction";
import { transitionTransaction } from "@/lib/transactions/transition-transaction";
import * as advanced from "@/app/t/[tenantId]/api/v1/analytics/advanced/route";
import { readListingPerformance, VIEW_DAYS, type AdvancedAnalytics } from "./read-listing-performance";
import { recordPropertyView } from "./record-property-view";

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}
const read = (tenant: SeededTenant, token: string) => callRoute(advanced.GET, { host: hostOf(tenant), path: "/api/v1/analytics/advanced", token });

describe("GET /api/v1/analytics/advanced (feature advancedAnalytics)", () => {
  it("hidden (404) on standard, for every role; a flag turns it on; off again → 404; professional has it", async () => {
    const tenant = await seedTenant();
    const owner = await tokenFor(await seedUser(tenant.id, "owner"));
    const viewer = await tokenFor(await seedUser(tenant.id, "viewer"));
    expect(await read(tenant, owner)).toEqual({ status: 404, json: { error: "not_found", message: "Not found" } });
    expect((await read(tenant, viewer)).status).toBe(404);

    await setFeatureFlag(tenant.slug, "advancedAnalytics", true);
    expect((await read(tenant, viewer)).status).toBe(200);
    await setFeatureFlag(tenant.slug, "advancedAnalytics", false);
    expect((await read(tenant, owner)).status).toBe(404);
    await setFeatureFlag(tenant.slug, "advancedAnalytics", null);
    await setTenantPlan(tenant.slug, "professional");
    expect((await read(tenant, owner)).status).toBe(200);
  });

  it("enquiries, completed transactions, conversion per listing; another tenant's data never counts", async () => {
    const tenant = await seedTenant({ plan: "professional" });
    const other = await seedTenant({ plan: "professional" });
    const token = await tokenFor(await seedUser(tenant.id, "agent"));
    const busy = await seedProperty(tenant.ref, { name: "Busy House" });
    await seedProperty(tenant.ref, { name: "Quiet Flat" });
    const foreign = await seedProperty(other.ref, { name: "Foreign Villa" });
    const enquire = (ref: SeededTenant["ref"], propertyId: string, count: number) =>
      runAsTenant(ref, "seed", async () => {
        for (let index = 0; index < count; index += 1) {
          await forTenant(ref).lead.create({ data: { propertyId, name: "Buyer", email: `buyer${index}@example.test`, message: "Interested" } });
        }
      });
    await enquire(tenant.ref, busy.id, 4);
    await enquire(other.ref, foreign.id, 9);
    await runAsTenant(tenant.ref, "seed", async () => {
      const sale = await createTransaction({ tenant: tenant.ref }, null, { propertyId: busy.id, kind: "sale", amount: 250000 } as Parameters<typeof createTransaction>[2]);
      await transitionTransaction({ tenant: tenant.ref }, null, sale.id, "completed");
      await createTransaction({ tenant: tenant.ref }, null, { propertyId: busy.id, kind: "sale", amount: 1000 } as Parameters<typeof createTransaction>[2]);
    });

    const response = await read(tenant, token);
    expect(response.status).toBe(200);
    const body = response.json as unknown as AdvancedAnalytics;
    expect(body.totals).toEqual({ properties: 2, views: 0, enquiries: 4, completedTransactions: 1, conversion: 0.25, enquiryRate: null });
    expect(body.listings.map(({ name, enquiries, completedTransactions, conversion, daysOnMarket }) => ({ name, enquiries, completedTransactions, conversion, daysOnMarket }))).toEqual([
      { name: "Busy House", enquiries: 4, completedTransactions: 1, conversion: 0.25, daysOnMarket: 0 },
      { name: "Quiet Flat", enquiries: 0, completedTransactions: 0, conversion: null, daysOnMarket: 0 },
    ]);
    expect(JSON.stringify(body)).not.toContain("Foreign Villa");
  });

  it("portal views per listing and per day, counted exactly under concurrency; another tenant's views never count; a deleted property's go with it", async () => {
    const tenant = await seedTenant({ plan: "professional" });
    const other = await seedTenant({ plan: "professional" });
    const token = await tokenFor(await seedUser(tenant.id, "viewer"));
    const busy = await seedProperty(tenant.ref, { name: "Busy House", published: true });
    const quiet = await seedProperty(tenant.ref, { name: "Quiet Flat", published: true });
    const gone = await seedProperty(tenant.ref, { name: "Gone Barn", published: true });
    const foreign = await seedProperty(other.ref, { name: "Foreign Villa", published: true });
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    const view = (ref: SeededTenant["ref"], propertyId: string, count: number, at: Date) =>
      runAsTenant(ref, "seed", () => Promise.all(Array.from({ length: count }, () => recordPropertyView({ tenant: ref }, propertyId, at))));
    await view(tenant.ref, busy.id, 20, today);
    await view(tenant.ref, busy.id, 3, yesterday);
    await view(tenant.ref, quiet.id, 1, today);
    await view(tenant.ref, gone.id, 7, today);
    await view(other.ref, foreign.id, 50, today);
    await runAsTenant(tenant.ref, "seed", async () => {
      for (let index = 0; index < 2; index += 1) {
        await forTenant(tenant.ref).lead.create({ data: { propertyId: busy.id, name: "Buyer", email: `buyer${index}@example.test`, message: "Interested" } });
      }
      await forTenant(tenant.ref).property.delete({ where: { id: gone.id } });
    });

    const response = await read(tenant, token);
    expect(response.status).toBe(200);
    const body = response.json as unknown as AdvancedAnalytics;
    expect(body.totals).toEqual({ properties: 2, views: 24, enquiries: 2, completedTransactions: 0, conversion: 0, enquiryRate: 0.083 });
    expect(body.listings.map(({ name, views, enquiries, enquiryRate }) => ({ name, views, enquiries, enquiryRate }))).toEqual([
      { name: "Busy House", views: 23, enquiries: 2, enquiryRate: 0.087 },
      { name: "Quiet Flat", views: 1, enquiries: 0, enquiryRate: 0 },
    ]);
    expect(body.viewsPerDay).toHaveLength(VIEW_DAYS);
    expect(body.viewsPerDay.at(-1)).toEqual({ day: today.toISOString().slice(0, 10), views: 21 });
    expect(body.viewsPerDay.at(-2)).toEqual({ day: yesterday.toISOString().slice(0, 10), views: 3 });
    expect(body.viewsPerDay.slice(0, -2).every((day) => day.views === 0)).toBe(true);
    expect(JSON.stringify(body)).not.toContain("Foreign Villa");

    const foreignReport = await runAsTenant(other.ref, "read", () => readListingPerformance({ tenant: other.ref }));
    expect(foreignReport.totals.views).toBe(50);
  });
});
