import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant, TENANT_SCHEMA, tenantSql, TenantContextViolation } from "@/lib/db/tenant-client";
import { runAsTenant } from "@/lib/tenancy/context";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { findPropertiesPage } from "./list-properties";
import type { PropertyListQuery, PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

let acme: SeededTenant;
let globex: SeededTenant;

beforeAll(async () => {
  acme = await seedTenant();
  globex = await seedTenant();
  const listings = [
    { name: "Canal House", address: "9 Lock Lane", price: 320000, bathrooms: 2, area: 120.5, bedrooms: 3, published: true },
    { name: "50% off loft", address: "1 Sale St", price: 99.9, bathrooms: 1.5, area: 40, description: "cheap" },
    { name: "500 off studio", address: "2 Sale St", price: 0, bathrooms: 0, area: 0.01, type: "apartment" as const },
    { name: "under_score barn", address: "3 Farm Rd", price: 750000.25, status: "sold" as const, type: "land" as const },
    { name: "Harbour View", address: "1 Quay St", price: 250000, published: true },
    { name: "Harbour View", address: "2 Quay St", price: 250000, bathrooms: 10.5 },
  ];
  for (const listing of listings) await seedProperty(acme.ref, listing);
  await seedProperty(globex.ref, { name: "Globex tower", address: "1 Globex Way", price: 1 });
}, 120_000);

/** The same page through Prisma, as the list was read before it became raw SQL: the reference to match. */
async function prismaPage(tenant: SeededTenant, where: Prisma.PropertyWhereInput, orderBy: Prisma.PropertyOrderByWithRelationInput[]): Promise<PropertyView[]> {
  return runAsTenant(tenant.ref, "reference", async () => (await forTenant(tenant.ref).property.findMany({ where, orderBy })).map(toPropertyView));
}

/** Every page of the raw list, following its cursors. */
async function allPages(tenant: SeededTenant, query: PropertyListQuery): Promise<PropertyView[]> {
  const rows: PropertyView[] = [];
  let cursor: string | undefined;
  do {
    const page = await runAsTenant(tenant.ref, "list", () => findPropertiesPage({ tenant: tenant.ref }, { ...query, cursor }));
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe("findPropertiesPage (raw SQL)", () => {
  it("renders every field as Prisma's findMany + toPropertyView did, in every sort, across pages", async () => {
    const sorts: Array<[PropertyListQuery["sort"], Prisma.PropertyOrderByWithRelationInput[]]> = [
      ["newest", [{ createdAt: "desc" }, { id: "desc" }]],
      ["oldest", [{ createdAt: "asc" }, { id: "asc" }]],
      ["price_asc", [{ price: "asc" }, { id: "asc" }]],
      ["price_desc", [{ price: "desc" }, { id: "desc" }]],
      ["name_asc", [{ name: "asc" }, { id: "asc" }]],
    ];
    for (const [sort, orderBy] of sorts) {
      const expected = await prismaPage(acme, {}, orderBy);
      expect(expected).toHaveLength(6);
      expect(await allPages(acme, { sort, limit: 2 })).toEqual(expected);
      expect(await allPages(acme, { sort, limit: 100 })).toEqual(expected);
    }
  });

  it("filters by status, type and price range as before", async () => {
    const orderBy: Prisma.PropertyOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
    expect(await allPages(acme, { status: "sold" })).toEqual(await prismaPage(acme, { status: "sold" }, orderBy));
    expect(await allPages(acme, { type: "apartment" })).toEqual(await prismaPage(acme, { type: "apartment" }, orderBy));
    const range = await allPages(acme, { minPrice: 99, maxPrice: 320000, limit: 1 });
    expect(range).toEqual(await prismaPage(acme, { price: { gte: 99, lte: 320000 } }, orderBy));
    expect(range.map((row) => row.price).sort()).toEqual(["250000.00", "250000.00", "320000.00", "99.90"]);
    // A decimal bound compares as the decimal it reads as (Prisma's float bound left 99.90 out of ≥ 99.9).
    expect((await allPages(acme, { minPrice: 99.9, maxPrice: 99.9 })).map((row) => row.price)).toEqual(["99.90"]);
  });

  it("searches name and address case-insensitively, with % and _ matching only themselves", async () => {
    expect((await allPages(acme, { q: "harbour" })).map((row) => row.address).sort()).toEqual(["1 Quay St", "2 Quay St"]);
    expect((await allPages(acme, { q: "SALE st" })).map((row) => row.name).sort()).toEqual(["50% off loft", "500 off studio"]);
    expect((await allPages(acme, { q: "50%" })).map((row) => row.name)).toEqual(["50% off loft"]);
    expect((await allPages(acme, { q: "under_" })).map((row) => row.name)).toEqual(["under_score barn"]);
    expect(await allPages(acme, { q: "_" })).toHaveLength(1);
    expect(await allPages(acme, { q: "\\" })).toEqual([]);
  });

  it("lists only the context's tenant's rows, and refuses to run outside that tenant's context", async () => {
    expect((await allPages(globex, {})).map((row) => row.name)).toEqual(["Globex tower"]);
    await expect(findPropertiesPage({ tenant: globex.ref })).rejects.toThrow(TenantContextViolation);
    await expect(runAsTenant(acme.ref, "other", () => findPropertiesPage({ tenant: globex.ref }))).rejects.toThrow(TenantContextViolation);
    await expect(tenantSql(acme.ref, `SELECT count(*) FROM ${TENANT_SCHEMA}.properties`, [])).rejects.toThrow(TenantContextViolation);
  });

  it("same-tick lists of two tenants, interleaved, each see only their own rows", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_unused, request) => {
        const tenant = request % 2 === 0 ? acme : globex;
        return runAsTenant(tenant.ref, `tick-${request}`, () => findPropertiesPage({ tenant: tenant.ref }, { limit: 100 })).then((page) => ({ tenant, page }));
      }),
    );
    for (const { tenant, page } of results) {
      expect(page.data.map((row) => row.name).sort()).toEqual(
        tenant === globex ? ["Globex tower"] : ["50% off loft", "500 off studio", "Canal House", "Harbour View", "Harbour View", "under_score barn"],
      );
    }
  });
});
