import { beforeAll, describe, expect, it } from "vitest";
import { forTenant } from "@/lib/db/tenant-client";
import { uploadDocument } from "@/lib/documents/upload-document";
import { setListingPhotos } from "@/lib/properties/set-listing-photos";
import { updateProperty } from "@/lib/properties/update-property";
import { runAsTenant } from "@/lib/tenancy/context";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { GET as getPhoto } from "@/app/t/[tenantId]/api/portal/photos/[id]/route";
import { GET as listListings } from "@/app/t/[tenantId]/api/portal/properties/route";
import { GET as getListing } from "@/app/t/[tenantId]/api/portal/properties/[id]/route";
import { GET as getAsset } from "@/app/t/[tenantId]/assets/[...key]/route";
import { getPublishedProperty } from "./get-published-property";
import { findPublishedPropertiesPage } from "./list-published-properties";
import { portalPhotoPath } from "./portal-photo-path";
import { readPortalFilters } from "./read-portal-filters";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;

async function upload(tenant: SeededTenant, filename: string, bytes: Uint8Array, propertyId: string | null): Promise<{ id: string; key: string }> {
  const view = await runAsTenant(tenant.ref, "test", () => uploadDocument({ tenant: tenant.ref }, { userId: tenant.adminUserId }, { filename, bytes, propertyId }));
  // Prisma queries are lazy: awaited inside the tenant's context.
  const row = await runAsTenant(tenant.ref, "test", async () => await forTenant(tenant.ref).document.findUniqueOrThrow({ where: { id: view.id }, select: { key: true } }));
  return { id: view.id, key: row.key };
}

async function list(tenant: SeededTenant, propertyId: string, ids: string[]): Promise<void> {
  await runAsTenant(tenant.ref, "test", () => setListingPhotos({ tenant: tenant.ref }, { userId: tenant.adminUserId }, propertyId, ids));
}

/** GETs a photo path the way the browser would, on the given host (the route answers bytes, not JSON). */
async function fetchPhoto(host: string, path: string, routeTenantId?: string): Promise<{ status: number; contentType: string | null; bytes: Uint8Array }> {
  const id = path.split("/").pop() ?? "";
  const request = new Request(`http://${host}${path}`, { headers: { host } });
  const response = await getPhoto(request, { params: Promise.resolve({ id, ...(routeTenantId ? { tenantId: routeTenantId } : {}) }) });
  return { status: response.status, contentType: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("portal photos", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let cottageId: string;
  let loftId: string;
  let draftId: string;
  let frontPhoto: { id: string; key: string };
  let gardenPhoto: { id: string; key: string };
  let draftPhoto: { id: string; key: string };
  let brochure: { id: string; key: string };
  let loosePhoto: { id: string; key: string };
  let globexPhoto: { id: string; key: string };
  let privateScan: { id: string; key: string };

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    cottageId = (await seedProperty(acme.ref, { name: "Cottage", type: "house", price: 150000, bedrooms: 2, published: true })).id;
    loftId = (await seedProperty(acme.ref, { name: "Loft", type: "apartment", price: 300000, bedrooms: 1, published: true })).id;
    draftId = (await seedProperty(acme.ref, { name: "Draft villa", type: "house", price: 200000, bedrooms: 4 })).id;
    brochure = await upload(acme, "brochure.pdf", PDF, cottageId);
    frontPhoto = await upload(acme, "front.png", PNG, cottageId);
    gardenPhoto = await upload(acme, "garden.jpg", JPEG, cottageId);
    draftPhoto = await upload(acme, "draft.png", PNG, draftId);
    loosePhoto = await upload(acme, "loose.png", PNG, null);
    const tower = await seedProperty(globex.ref, { name: "Globex tower", published: true });
    globexPhoto = await upload(globex, "tower.png", PNG, tower.id);
    privateScan = await upload(acme, "id-scan.jpg", JPEG, cottageId);
    await list(acme, cottageId, [frontPhoto.id, gardenPhoto.id]);
    await list(acme, draftId, [draftPhoto.id]);
    await list(globex, tower.id, [globexPhoto.id]);
  });

  it("each listing carries its first photo's path, or null; drafts and their photos never appear", async () => {
    const listed = await callRoute(listListings, { host: hostOf(acme), path: "/api/portal/properties" });
    expect(listed.status).toBe(200);
    const data = listed.json!.data as { name: string; photoUrl: string | null }[];
    expect(data.map(({ name, photoUrl }) => ({ name, photoUrl }))).toEqual([
      { name: "Loft", photoUrl: null },
      { name: "Cottage", photoUrl: portalPhotoPath(frontPhoto.id) },
    ]);
    expect(JSON.stringify(listed.json)).not.toContain(draftPhoto.id);

    const cottage = await callRoute(getListing, { host: hostOf(acme), path: `/api/portal/properties/${cottageId}`, params: { id: cottageId } });
    expect(cottage.json).toMatchObject({ name: "Cottage", photoUrl: portalPhotoPath(frontPhoto.id), photoUrls: [portalPhotoPath(frontPhoto.id), portalPhotoPath(gardenPhoto.id)] });
    expect(JSON.stringify(cottage.json)).not.toContain(privateScan.id);
    const loft = await runAsTenant(acme.ref, "test", () => getPublishedProperty({ tenant: acme.ref }, loftId));
    expect(loft.photoUrl).toBeNull();
  });

  it("serves the photos of published properties on their tenant's host, as the stored image", async () => {
    const front = await fetchPhoto(hostOf(acme), portalPhotoPath(frontPhoto.id));
    expect(front).toMatchObject({ status: 200, contentType: "image/png" });
    expect(front.bytes).toEqual(PNG);
    const garden = await fetchPhoto(hostOf(acme), portalPhotoPath(gardenPhoto.id));
    expect(garden).toMatchObject({ status: 200, contentType: "image/jpeg" });
  });

  it("refuses what is not a public photo: documents, unattached images, drafts' photos, unknown ids", async () => {
    for (const id of [brochure.id, privateScan.id, loosePhoto.id, draftPhoto.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect((await fetchPhoto(hostOf(acme), portalPhotoPath(id))).status, id).toBe(404);
    }
  });

  it("tenant B's host cannot fetch tenant A's photo, however the request is dressed", async () => {
    expect((await fetchPhoto(hostOf(globex), portalPhotoPath(frontPhoto.id))).status).toBe(404);
    expect((await fetchPhoto(hostOf(globex), portalPhotoPath(frontPhoto.id), acme.id)).status).toBe(404);
    expect((await fetchPhoto(hostOf(acme), portalPhotoPath(globexPhoto.id))).status).toBe(404);
    expect((await fetchPhoto(hostOf(globex), portalPhotoPath(globexPhoto.id))).status).toBe(200);
    expect((await fetchPhoto("localhost:3000", portalPhotoPath(frontPhoto.id))).status).toBe(400);
  });

  it("documents' objects are not reachable through the branding asset route either", async () => {
    for (const document of [frontPhoto, draftPhoto, brochure]) {
      const host = hostOf(acme);
      const response = await getAsset(new Request(`http://${host}/assets/${document.key}`, { headers: { host } }), { params: Promise.resolve({ key: document.key.split("/") }) });
      expect(response.status, document.key).toBe(404);
    }
  });

  it("unpublishing a property takes its listing and photos off the portal at once", async () => {
    const listing = await seedProperty(acme.ref, { name: "Short-lived", published: true });
    const photo = await upload(acme, "brief.png", PNG, listing.id);
    expect((await fetchPhoto(hostOf(acme), portalPhotoPath(photo.id))).status).toBe(404);
    await list(acme, listing.id, [photo.id]);
    expect((await fetchPhoto(hostOf(acme), portalPhotoPath(photo.id))).status).toBe(200);
    await runAsTenant(acme.ref, "test", () => updateProperty({ tenant: acme.ref }, null, listing.id, { published: false }));
    expect((await fetchPhoto(hostOf(acme), portalPhotoPath(photo.id))).status).toBe(404);
    const page = await runAsTenant(acme.ref, "test", () => findPublishedPropertiesPage({ tenant: acme.ref }));
    expect(page.data.map((property) => property.name)).not.toContain("Short-lived");
  });

  it("a suspended tenant's photos are closed with its portal (403)", async () => {
    const closing = await seedTenant();
    const listing = await seedProperty(closing.ref, { published: true });
    const photo = await upload(closing, "shut.png", PNG, listing.id);
    await list(closing, listing.id, [photo.id]);
    await setTenantStatus(closing.slug, "suspended");
    expect((await fetchPhoto(hostOf(closing), portalPhotoPath(photo.id))).status).toBe(403);
  });
});

describe("portal home filters (URL → query)", () => {
  let acme: SeededTenant;
  const names = async (search: Record<string, string | string[]>) => {
    const { query } = readPortalFilters(search, 12);
    return (await runAsTenant(acme.ref, "test", () => findPublishedPropertiesPage({ tenant: acme.ref }, query))).data.map((property) => property.name);
  };

  beforeAll(async () => {
    acme = await seedTenant();
    await seedProperty(acme.ref, { name: "Cottage", type: "house", price: 150000, bedrooms: 2, address: "3 Mill Road", published: true });
    await seedProperty(acme.ref, { name: "Loft", type: "apartment", price: 300000, bedrooms: 1, address: "12 Dock Street", published: true });
    await seedProperty(acme.ref, { name: "Manor", type: "house", price: 900000, bedrooms: 6, address: "1 Park Lane", published: true });
    await seedProperty(acme.ref, { name: "Draft barn", type: "house", price: 200000, bedrooms: 3, address: "9 Mill Road" });
  });

  it("narrows the listing by text, type, price range and bedrooms; drafts never match", async () => {
    expect(await names({})).toEqual(["Manor", "Loft", "Cottage"]);
    expect(await names({ q: "mill" })).toEqual(["Cottage"]);
    expect(await names({ type: "house" })).toEqual(["Manor", "Cottage"]);
    expect(await names({ minPrice: "200000", maxPrice: "400000" })).toEqual(["Loft"]);
    expect(await names({ minBedrooms: "2", maxPrice: "500000" })).toEqual(["Cottage"]);
    expect(await names({ q: "barn" })).toEqual([]);
    expect(await names({ q: "", type: "", minPrice: "" })).toEqual(["Manor", "Loft", "Cottage"]);
  });

  it("drops only the invalid fields, each with a message, and filters by the rest", async () => {
    const { query, ignored } = readPortalFilters({ minPrice: "cheap", maxPrice: "400000", type: "castle", minBedrooms: "1.5", q: "o" }, 12);
    expect(query).toMatchObject({ maxPrice: 400000, q: "o", limit: 12 });
    expect(query).not.toHaveProperty("minPrice");
    expect(query).not.toHaveProperty("type");
    expect(ignored).toEqual([
      { field: "type", value: "castle", message: expect.stringContaining("Type must be one of") },
      { field: "minPrice", value: "cheap", message: "Min price must be a number" },
      { field: "minBedrooms", value: "1.5", message: "Bedrooms must be a whole number" },
    ]);
    expect(await names({ minPrice: "cheap", maxPrice: "400000" })).toEqual(["Loft", "Cottage"]);
  });

  it("refuses a min price above the max price, a negative price and a forged cursor; a repeated field counts once", async () => {
    expect(readPortalFilters({ minPrice: "500", maxPrice: "100" }, 12)).toMatchObject({
      query: { maxPrice: 100 },
      ignored: [{ field: "minPrice", value: "500", message: "Min price cannot be above max price" }],
    });
    expect(readPortalFilters({ maxPrice: "-1" }, 12).ignored).toEqual([{ field: "maxPrice", value: "-1", message: "Max price cannot be negative" }]);
    expect(readPortalFilters({ cursor: "bogus" }, 12)).toMatchObject({ query: { limit: 12 }, ignored: [{ field: "cursor" }] });
    expect(readPortalFilters({ type: ["house", "castle"], limit: "1000" }, 12)).toEqual({ query: { type: "house", limit: 12 }, ignored: [] });
  });

  it("pages through a filtered listing with the next page's cursor", async () => {
    const first = readPortalFilters({ type: "house" }, 1).query;
    const firstPage = await runAsTenant(acme.ref, "test", () => findPublishedPropertiesPage({ tenant: acme.ref }, first));
    expect(firstPage.data.map((property) => property.name)).toEqual(["Manor"]);
    const second = readPortalFilters({ type: "house", cursor: firstPage.nextCursor! }, 1).query;
    const secondPage = await runAsTenant(acme.ref, "test", () => findPublishedPropertiesPage({ tenant: acme.ref }, second));
    expect(secondPage).toMatchObject({ data: [{ name: "Cottage" }], nextCursor: null });
  });
});
