import { describe, expect, it } from "vitest";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { deleteTenant } from "@/lib/tenants/delete-tenant";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { addCustomDomain } from "./add-custom-domain";
import { GET } from "@/app/apex/api/domains/tls-check/route";
import { NextRequest } from "next/server";

async function ask(domain: string): Promise<number> {
  const response = await GET(new NextRequest(`http://127.0.0.1:3000/api/domains/tls-check?domain=${encodeURIComponent(domain)}`));
  return response.status;
}

describe("GET /api/domains/tls-check", () => {
  it("allows verified custom domains and our tenants' subdomains, refuses the rest", async () => {
    const tenant = await seedTenant();
    const unverified = await seedTenant();
    await setTenantDomain(tenant.slug, "portal.verified.test", { verified: true });
    await addCustomDomain(unverified.id, "portal.unverified.test");

    expect(await ask("portal.verified.test")).toBe(200);
    expect(await ask("PORTAL.VERIFIED.TEST.")).toBe(200);
    expect(await ask(`${tenant.slug}.localhost`)).toBe(200);

    expect(await ask("portal.unverified.test")).toBe(404);
    expect(await ask("unknown.example.com")).toBe(404);
    expect(await ask("nobody-here.localhost")).toBe(404);
    expect(await ask("a.b.localhost")).toBe(404);
    expect(await ask("127.0.0.1")).toBe(404);
    expect(await ask("[::1]")).toBe(404);
    expect(await ask("")).toBe(404);
  });

  it("keeps certificates for suspended tenants (they answer 403 pages) and refuses deleted ones", async () => {
    const suspended = await seedTenant();
    await setTenantStatus(suspended.slug, "suspended");
    expect(await ask(`${suspended.slug}.localhost`)).toBe(200);
    const deleted = await seedTenant();
    await setTenantDomain(deleted.slug, "portal.deleted.test", { verified: true });
    await deleteTenant(deleted.slug);
    expect(await ask(`${deleted.slug}.localhost`)).toBe(404);
    expect(await ask("portal.deleted.test")).toBe(404);
  });
});
