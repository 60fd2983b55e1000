import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { resolveHost } from "./resolve-host";
import { announceTenantChange, flushTenantChanges } from "./tenant-change-bus";

/** Another process (the CLI, a second app instance) changes a tenant and announces it. */
async function changeFromAnotherProcess(sql: string, params: unknown[], tenantId: string, announce: boolean): Promise<void> {
  await ownerPool().query(sql, params);
  if (announce) await announceTenantChange(tenantId);
}

describe("resolveHost", () => {
  it("resolves apex, admin, tenant subdomains and unknown hosts", async () => {
    const tenant = await seedTenant();
    expect(await resolveHost("localhost:3000")).toEqual({ surface: "apex" });
    expect(await resolveHost("admin.localhost:3000")).toEqual({ surface: "admin" });
    expect(await resolveHost(`${tenant.slug}.localhost:3000`)).toMatchObject({ surface: "tenant", tenant: { id: tenant.id, status: "active" }, origin: "workspace" });
    expect(await resolveHost("nobody-here.localhost:3000")).toEqual({ surface: "unknown" });
    expect(await resolveHost("unknown.example")).toEqual({ surface: "unknown" });
    expect(await resolveHost(null)).toEqual({ surface: "unknown" });
  });

  it("routes a custom domain only once it is verified, and follows it when it moves", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    await setTenantDomain(first.slug, "homes.first.test", { verified: false });
    expect(await resolveHost("homes.first.test")).toEqual({ surface: "unknown" });

    await setTenantDomain(first.slug, "Homes.First.Test", { verified: true });
    expect(await resolveHost("homes.first.test:3000")).toMatchObject({ surface: "tenant", tenant: { id: first.id }, origin: "custom-domain" });

    await changeFromAnotherProcess("UPDATE public.tenants SET custom_domain = NULL WHERE id = $1", [first.id], first.id, true);
    await flushTenantChanges();
    await setTenantDomain(second.slug, "homes.first.test", { verified: true });
    expect(await resolveHost("homes.first.test")).toMatchObject({ surface: "tenant", tenant: { id: second.id } });
  });

  it("resolves a suspended tenant with its status (pages answer 403) and hides deleted and provisioning ones", async () => {
    const tenant = await seedTenant();
    await setTenantStatus(tenant.slug, "suspended");
    expect(await resolveHost(`${tenant.slug}.localhost:3000`)).toMatchObject({ surface: "tenant", tenant: { status: "suspended" } });
    await ownerPool().query("UPDATE public.tenants SET status = 'provisioning' WHERE id = $1", [tenant.id]);
    await announceTenantChange(tenant.id);
    await flushTenantChanges();
    expect(await resolveHost(`${tenant.slug}.localhost:3000`)).toEqual({ surface: "unknown" });
  });

  it("serves from cache until another process announces a change, then reloads", async () => {
    const tenant = await seedTenant();
    const host = `${tenant.slug}.localhost:3000`;
    expect(await resolveHost(host)).toMatchObject({ tenant: { status: "active" } });
    expect(await flushTenantChanges()).toBe(true);
    expect(await resolveHost(host)).toMatchObject({ tenant: { status: "active" } });

    await changeFromAnotherProcess("UPDATE public.tenants SET name = 'Renamed' WHERE id = $1", [tenant.id], tenant.id, false);
    expect(await resolveHost(host)).toMatchObject({ tenant: { name: tenant.name } });

    await changeFromAnotherProcess("UPDATE public.tenants SET status = 'suspended' WHERE id = $1", [tenant.id], tenant.id, true);
    await flushTenantChanges();
    expect(await resolveHost(host)).toMatchObject({ tenant: { name: "Renamed", status: "suspended" } });
  });
});
