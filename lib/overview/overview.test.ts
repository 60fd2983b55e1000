import { sharedDb } from "@/lib/db/shared-client";
import { describe, expect, it } from "vitest";
import { forTenant } from "@/lib/db/tenant-client";
import { createEnquiry } from "@/lib/leads/create-enquiry";
import { listLeads } from "@/lib/leads/list-leads";
import { markLeadHandled } from "@/lib/leads/mark-lead-handled";
import { runAsTenant } from "@/lib/tenancy/context";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { summariseTransactionsThisMonth } from "@/lib/transactions/summarise-transactions";
import { getOverview } from "./get-overview";

describe("getOverview", () => {
  it("counts this tenant's properties by status, published ones and open leads, and shows its last 10 events", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    const owner = await seedUser(tenant.id, "owner");
    const listed = await seedProperty(tenant.ref, { status: "available", published: true });
    await seedProperty(tenant.ref, { status: "available" });
    await seedProperty(tenant.ref, { status: "sold", published: true });
    await seedProperty(tenant.ref, { status: "under_contract" });
    await seedProperty(other.ref, { status: "rented", published: true });
    for (let visitor = 0; visitor < 3; visitor++) {
      await runAsTenant(tenant.ref, "test", () =>
        createEnquiry({ tenant: tenant.ref }, { propertyId: listed.id, name: `Visitor ${visitor}`, email: "v@example.test", message: "Hello" }, { ip: `192.0.2.${visitor}` }),
      );
    }
    const [newest] = await runAsTenant(tenant.ref, "test", () => listLeads({ tenant: tenant.ref }, { limit: 1 }));
    await runAsTenant(tenant.ref, "test", () => markLeadHandled({ tenant: tenant.ref }, owner.id, newest!.id));
    // Distinct timestamps: events written within one millisecond would tie, and ties order by random ids.
    const base = Date.now() + 60_000;
    for (let index = 0; index < 12; index++) {
      await sharedDb().auditLog.create({ data: { tenantId: tenant.id, action: `test.event_${index}`, createdAt: new Date(base + index * 10) } });
    }
    await sharedDb().auditLog.create({ data: { tenantId: other.id, action: "test.elsewhere" } });

    const overview = await runAsTenant(tenant.ref, "test", () => getOverview({ tenant: tenant.ref }, { role: "owner" }));
    expect(overview).toMatchObject({
      propertiesByStatus: { available: 2, under_contract: 1, sold: 1, rented: 0, off_market: 0 },
      propertiesTotal: 4,
      publishedProperties: 2,
      openLeads: 2,
      transactionsThisMonth: null,
    });
    expect(overview.recentActivity!.map((event) => event.action)).toEqual(Array.from({ length: 10 }, (_, index) => `test.event_${11 - index}`));
  });

  it("leaves the audit trail out for roles that may not read it, and refuses customers", async () => {
    const tenant = await seedTenant();
    const forRole = (role: "agent" | "viewer" | "admin" | "customer") => runAsTenant(tenant.ref, "test", () => getOverview({ tenant: tenant.ref }, { role }));
    expect((await forRole("agent")).recentActivity).toBeNull();
    expect((await forRole("viewer")).recentActivity).toBeNull();
    expect((await forRole("admin")).recentActivity).toEqual([expect.objectContaining({ action: "tenant.provisioned" })]);
    await expect(forRole("customer")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("takes the month's transactions from the source it is given (the transactions module's summary)", async () => {
    const tenant = await seedTenant();
    const property = await seedProperty(tenant.ref);
    await runAsTenant(tenant.ref, "test", async () => {
      const db = forTenant(tenant.ref);
      await db.transaction.create({ data: { propertyId: property.id, kind: "sale", amount: "1000.50", status: "completed" } });
      await db.transaction.create({ data: { propertyId: property.id, kind: "rent", amount: "200.00", status: "pending" } });
    });
    const overview = await runAsTenant(tenant.ref, "test", () => getOverview({ tenant: tenant.ref }, { role: "manager" }, { transactionsThisMonth: summariseTransactionsThisMonth }));
    expect(overview.transactionsThisMonth).toEqual({ count: 2, total: "1200.50" });
  });
});
