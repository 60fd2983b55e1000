import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { GET as listListings } from "@/app/t/[tenantId]/api/portal/properties/route";
import { GET as getListing } from "@/app/t/[tenantId]/api/portal/properties/[id]/route";

type Listing = Record<string, unknown> & { id: string; name: string };

describe("portal listings (public)", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let draftId: string;
  let globexListingId: string;
  const host = () => `${acme.slug}.localhost:3000`;
  const list = async (query = "", onHost = host()) => callRoute(listListings, { host: onHost, path: `/api/portal/properties${query}` });
  const names = (response: { json: Record<string, unknown> | null }) => (response.json!.data as Listing[]).map((listing) => listing.name);

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    await seedProperty(acme.ref, { name: "Cottage", type: "house", price: 150000, bedrooms: 2, address: "3 Mill Road", published: true });
    await seedProperty(acme.ref, { name: "Loft", type: "apartment", price: 300000, bedrooms: 1, address: "12 Dock Street", published: true });
    await seedProperty(acme.ref, { name: "Manor", type: "house", price: 900000, bedrooms: 6, address: "1 Park Lane", published: true, description: "Grand" });
    draftId = (await seedProperty(acme.ref, { name: "Draft villa", type: "house", price: 500000, bedrooms: 4 })).id;
    globexListingId = (await seedProperty(globex.ref, { name: "Globex tower", type: "apartment", price: 200000, published: true })).id;
  });

  it("lists only this tenant's published properties, newest first, without staff-only fields", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(["Manor", "Loft", "Cottage"]);
    const manor = (response.json!.data as Listing[])[0]!;
    expect(Object.keys(manor).sort()).toEqual(["address", "area", "bathrooms", "bedrooms", "description", "id", "listedAt", "name", "photoUrl", "photoUrls", "price", "status", "type"]);
    expect(manor).toMatchObject({ price: "900000.00", bedrooms: 6, description: "Grand" });
    expect(names(await list("", `${globex.slug}.localhost:3000`))).toEqual(["Globex tower"]);
  });

  it("filters by type, price range, bedrooms and text", async () => {
    expect(names(await list("?type=house"))).toEqual(["Manor", "Cottage"]);
    expect(names(await list("?minPrice=200000&maxPrice=900000"))).toEqual(["Manor", "Loft"]);
    expect(names(await list("?minBedrooms=2"))).toEqual(["Manor", "Cottage"]);
    expect(names(await list("?q=dock"))).toEqual(["Loft"]);
    expect(names(await list("?q=villa"))).toEqual([]);
    expect(names(await list("?type=house&minBedrooms=3&maxPrice=1000000&q=park"))).toEqual(["Manor"]);
    expect(names(await list("?type=&q=&minPrice="))).toEqual(["Manor", "Loft", "Cottage"]);
  });

  it("pages with a cursor and refuses bad queries (422)", async () => {
    const first = await list("?limit=2");
    expect(names(first)).toEqual(["Manor", "Loft"]);
    const second = await list(`?limit=2&cursor=${first.json!.nextCursor as string}`);
    expect(names(second)).toEqual(["Cottage"]);
    expect(second.json!.nextCursor).toBeNull();
    for (const query of ["?type=castle", "?minPrice=5&maxPrice=1", "?minBedrooms=-1", "?limit=101", "?cursor=bogus"]) expect((await list(query)).status).toBe(422);
  });

  it("shows one published listing; drafts, other tenants' ids and non-ids are 404", async () => {
    const manorId = ((await list("?q=manor")).json!.data as Listing[])[0]!.id;
    const get = (id: string) => callRoute(getListing, { host: host(), path: `/api/portal/properties/${id}`, params: { id } });
    expect(await get(manorId)).toMatchObject({ status: 200, json: { name: "Manor", listedAt: expect.any(String) } });
    expect((await get(manorId)).json).not.toHaveProperty("published");
    expect((await get(draftId)).status).toBe(404);
    expect((await get(globexListingId)).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
  });

  it("needs a tenant host, and a suspended tenant's portal is closed (403)", async () => {
    expect((await list("", "localhost:3000")).status).toBe(400);
    expect((await list("", "nobody-here.localhost:3000")).status).toBe(404);
    expect((await callRoute(listListings, { host: host(), path: "/api/portal/properties", params: { tenantId: globex.id } })).status).toBe(404);
    const closing = await seedTenant();
    await seedProperty(closing.ref, { published: true });
    await setTenantStatus(closing.slug, "suspended");
    expect(await list("", `${closing.slug}.localhost:3000`)).toMatchObject({ status: 403, json: { error: "tenant_suspended" } });
  });
});
