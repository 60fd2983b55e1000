import { describe, expect, it } from "vitest";
import { forTenant, TenantContextViolation } from "@/lib/db/tenant-client";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { runAsTenant } from "@/lib/tenancy/context";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";

describe("tenant data isolation", () => {
  it("each tenant's context sees only its own properties", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    await seedProperty(first.ref, { name: "First's cottage" });
    await seedProperty(second.ref, { name: "Second's loft" });

    const firstSees = await runAsTenant(first.ref, "r1", () => findPropertiesPage({ tenant: first.ref }));
    const secondSees = await runAsTenant(second.ref, "r2", () => findPropertiesPage({ tenant: second.ref }));

    expect(firstSees.data.map((p) => p.name)).toEqual(["First's cottage"]);
    expect(secondSees.data.map((p) => p.name)).toEqual(["Second's loft"]);
  });

  it("refuses a tenant client outside any tenant context", async () => {
    const tenant = await seedTenant();
    expect(() => forTenant(tenant.ref)).toThrow(TenantContextViolation);
  });

  it("refuses a tenant client inside another tenant's context, for model and raw queries", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    const firstClient = runAsTenant(first.ref, "r1", () => forTenant(first.ref));

    await runAsTenant(second.ref, "r2", async () => {
      await expect(firstClient.property.findMany()).rejects.toThrow(TenantContextViolation);
      await expect(firstClient.property.count()).rejects.toThrow(TenantContextViolation);
      await expect(firstClient.$queryRaw`SELECT 1`).rejects.toThrow(TenantContextViolation);
    });
    await expect(firstClient.property.findMany()).rejects.toThrow(TenantContextViolation);
    await expect(runAsTenant(first.ref, "r3", async () => await firstClient.property.count())).resolves.toBe(0);
  });

  it("refuses interactive transactions started outside the tenant's context", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    const firstClient = runAsTenant(first.ref, "r1", () => forTenant(first.ref));
    await runAsTenant(second.ref, "r2", async () => {
      await expect(firstClient.$transaction(async (tx) => tx.property.findMany())).rejects.toThrow(TenantContextViolation);
    });
  });
});
