import { createPlatformAdmin } from "@/lib/admins/create-platform-admin";
import { getBrandingSettings } from "@/lib/branding/get-branding";
import { updateBranding } from "@/lib/branding/update-branding";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { uploadDocument } from "@/lib/documents/upload-document";
import type { Rgb } from "@/lib/images/encode-png";
import { setListingPhotos } from "@/lib/properties/set-listing-photos";
import { sharedDb } from "@/lib/db/shared-client";
import { createProperty } from "@/lib/properties/create-property";
import type { PropertyInput } from "@/lib/properties/property-schema";
import { runAsTenant } from "@/lib/tenancy/context";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { toTenantRef, tenantRefSelect } from "@/lib/tenants/tenant-ref";
import { demoLogo, listingPhoto, type ListingScene } from "./demo-images";

interface DemoTenant {
  slug: string;
  name: string;
  adminEmail: string;
  adminPassword: string;
  /** Each demo agency looks like itself: white-label is the product. */
  brand: { primaryColor: string; secondaryColor: string; currency: string; timezone: string; logo: { colour: Rgb; mark: "roof" | "ring" } };
  properties: Array<PropertyInput & { photos: ListingScene[] }>;
}

const SKY: Rgb = [135, 190, 235];
const DUSK: Rgb = [240, 170, 120];
const GRASS: Rgb = [110, 160, 80];
const PAVING: Rgb = [160, 160, 150];

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    slug: "acme",
    name: "Acme Realty",
    adminEmail: "admin@acme.test",
    adminPassword: "acme-demo-password",
    brand: { primaryColor: "#0f766e", secondaryColor: "#134e4a", currency: "GBP", timezone: "Europe/London", logo: { colour: [15, 118, 110], mark: "roof" } },
    properties: [
      {
        name: "Acme Harbour Loft", address: "12 Pier Road, Portsmouth", price: 425000, type: "apartment", bedrooms: 2, bathrooms: 1, area: 84,
        description: "A bright loft above the harbour, with the ferries passing under its windows.",
        photos: [
          { sky: SKY, walls: [210, 200, 185], roof: [90, 90, 100], ground: PAVING, position: 0.5, storeys: 4 },
          { sky: DUSK, walls: [200, 190, 175], roof: [80, 80, 90], ground: PAVING, position: 0.2, storeys: 3 },
        ],
      },
      {
        name: "Acme Meadow Cottage", address: "3 Lark Lane, Bibury", price: 615000, type: "house", bedrooms: 3, bathrooms: 2, area: 132,
        description: "A Cotswold stone cottage with a meadow garden running down to the river.",
        photos: [
          { sky: SKY, walls: [225, 205, 150], roof: [120, 80, 60], ground: GRASS, position: 0.45, storeys: 1 },
          { sky: SKY, walls: [225, 205, 150], roof: [120, 80, 60], ground: GRASS, position: 0.8, storeys: 2 },
        ],
      },
      {
        name: "Acme Riverside Office", address: "88 Quay Street, Bristol", price: 1250000, type: "commercial", area: 410, status: "under_contract",
        description: "Four floors of open-plan office space on the quay.",
        photos: [{ sky: SKY, walls: [170, 180, 190], roof: [60, 70, 80], ground: PAVING, position: 0.5, storeys: 4 }],
      },
    ],
  },
  {
    slug: "globex",
    name: "Globex Properties",
    adminEmail: "admin@globex.test",
    adminPassword: "globex-demo-password",
    brand: { primaryColor: "#7c3aed", secondaryColor: "#1e1b4b", currency: "USD", timezone: "America/Chicago", logo: { colour: [124, 58, 237], mark: "ring" } },
    properties: [
      {
        name: "Globex Skyline Condo", address: "500 Tower Ave, Springfield", price: 389000, type: "condo", bedrooms: 2, bathrooms: 2, area: 96,
        description: "A corner condo on the 21st floor with views across the city.",
        photos: [
          { sky: SKY, walls: [150, 170, 200], roof: [70, 80, 110], ground: PAVING, position: 0.6, storeys: 4 },
          { sky: DUSK, walls: [150, 170, 200], roof: [70, 80, 110], ground: PAVING, position: 0.3, storeys: 4 },
        ],
      },
      {
        name: "Globex Lakeside Villa", address: "7 Shore Drive, Cypress Creek", price: 2150000, type: "house", bedrooms: 5, bathrooms: 4.5, area: 420,
        description: "A lakeside villa with a private dock and a wraparound porch.",
        photos: [
          { sky: SKY, walls: [240, 240, 235], roof: [60, 90, 120], ground: GRASS, position: 0.4, storeys: 2 },
          { sky: DUSK, walls: [240, 240, 235], roof: [60, 90, 120], ground: GRASS, position: 0.7, storeys: 2 },
        ],
      },
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
      const tenant = toTenantRef({ ...created, status: "active", planId: created.plan, customDomain: null, customDomainVerified: false });
      const owner = { userId: created.adminUserId };
      await runAsTenant(tenant, "demo-seed", async () => {
        const logo = await uploadBrandingAsset({ tenant }, owner, "logo", demoLogo(demo.brand.logo.colour, demo.brand.logo.mark));
        const { primaryColor, secondaryColor, currency, timezone } = demo.brand;
        await updateBranding({ tenant }, owner, { ...(await getBrandingSettings(tenant.id)), primaryColor, secondaryColor, currency, timezone, logoUrl: logo.reference });
        for (const { photos, ...property } of demo.properties) {
          const created = await createProperty({ tenant }, { ...property, published: true });
          const photoIds: string[] = [];
          for (const [index, scene] of photos.entries()) {
            photoIds.push((await uploadDocument({ tenant }, owner, { filename: `photo-${index + 1}.png`, bytes: listingPhoto(scene), propertyId: created.id })).id);
          }
          await setListingPhotos({ tenant }, owner, created.id, photoIds);
        }
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
