import { createPlatformAdmin } from "@/lib/admins/create-platform-admin";
import { sharedDb } from "@/lib/db/shared-client";
import { createProperty } from "@/lib/properties/create-property";
import type { PropertyInput } from "@/lib/properties/property-schema";
import { runAsTenant } from "@/lib/tenancy/context";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { toTenantRef, tenantRefSelect } from "@/lib/tenants/tenant-ref";

interface DemoTenant {
  slug: string;
  name: string;
  adminEmail: string;
  adminPassword: string;
  properties: PropertyInput[];
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    slug: "acme",
    name: "Acme Realty",
    adminEmail: "admin@acme.test",
    adminPassword: "acme-demo-password",
    properties: [
      { name: "Acme Harbour Loft", address: "12 Pier Road, Portsmouth", price: 425000, type: "apartment", bedrooms: 2, bathrooms: 1, area: 84 },
      { name: "Acme Meadow Cottage", address: "3 Lark Lane, Bibury", price: 615000, type: "house", bedrooms: 3, bathrooms: 2, area: 132 },
      { name: "Acme Riverside Office", address: "88 Quay Street, Bristol", price: 1250000, type: "commercial", area: 410, status: "under_contract" },
    ],
  },
  {
    slug: "globex",
    name: "Globex Properties",
    adminEmail: "admin@globex.test",
    adminPassword: "globex-demo-password",
    properties: [
      { name: "Globex Skyline Condo", address: "500 Tower Ave, Springfield", price: 389000, type: "condo", bedrooms: 2, bathrooms: 2, area: 96 },
      { name: "Globex Lakeside Villa", address: "7 Shore Drive, Cypress Creek", price: 2150000, type: "house", bedrooms: 5, bathrooms: 4.5, area: 420 },
    ],
  },
];

export interface DemoLogin {
  name: string;
  url: string;
  email: string;
  password: string;
}

/** Creates the demo tenants that do not exist yet (idempotent) and returns their URLs and logins. */
export async function seedDemoTenants(): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const demo of DEMO_TENANTS) {
    const existing = await sharedDb().tenant.findUnique({ where: { slug: demo.slug }, select: tenantRefSelect });
    if (!existing) {
      const created = await provisionTenant(
        { name: demo.name, slug: demo.slug, adminEmail: demo.adminEmail, adminPassword: demo.adminPassword, plan: "standard" },
        { sendWelcome: false },
      );
      const tenant = toTenantRef({ ...created, status: "active", planId: created.plan, customDomain: null, customDomainVerified: false, maintenanceStartedAt: null, maintenanceMessage: null, maintenanceUntil: null });
      await runAsTenant(tenant, "demo-seed", async () => {
        for (const property of demo.properties) await createProperty({ tenant }, { ...property, published: true });
      });
    }
    logins.push({ name: demo.name, url: tenantBaseUrl(demo.slug), email: demo.adminEmail, password: demo.adminPassword });
  }
  return logins;
}

export const DEMO_PLATFORM_ADMIN = { email: "ops@assetanchor.test", password: "platform-demo-password" } as const;

/** The admin console's demo login (idempotent). */
export async function seedDemoPlatformAdmin(): Promise<typeof DEMO_PLATFORM_ADMIN> {
  const existing = await sharedDb().user.findFirst({ where: { tenantId: null, email: DEMO_PLATFORM_ADMIN.email } });
  if (!existing) await createPlatformAdmin(DEMO_PLATFORM_ADMIN);
  return DEMO_PLATFORM_ADMIN;
}
