import { describe, expect, it, vi } from "vitest";
import { cachedTenantClientCount, forTenant } from "@/lib/db/tenant-client";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { runAsTenant } from "@/lib/tenancy/context";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";

// A client cache far smaller than the active tenants, so clients are evicted while other tenants' queries
// are in flight: what 10,000 active tenants do to the 500-entry cache in production.
vi.hoisted(() => {
  process.env.TENANT_CLIENT_CACHE_SIZE = "8";
});

const TENANTS = 20;
const REQUESTS = 200;

describe("tenant clients under concurrency, with more active tenants than cached clients", () => {
  it("every same-tick list and lookup returns only its own tenant's rows", async () => {
    const tenants: Array<{ tenant: SeededTenant; propertyIds: string[] }> = [];
    for (let index = 0; index < TENANTS; index++) {
      const tenant = await seedTenant();
      const first = await seedProperty(tenant.ref, { name: `${tenant.slug} cottage` });
      const second = await seedProperty(tenant.ref, { name: `${tenant.slug} loft` });
      tenants.push({ tenant, propertyIds: [first.id, second.id] });
    }

    // Started in one tick: Prisma batches same-tick findUnique calls of one client, never across clients.
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_unused, request) => {
        const { tenant, propertyIds } = tenants[request % TENANTS]!;
        const other = tenants[(request + 1) % TENANTS]!;
        return runAsTenant(tenant.ref, `concurrent-${request}`, async () => {
          const [page, own, foreign] = await Promise.all([
            findPropertiesPage({ tenant: tenant.ref }),
            forTenant(tenant.ref).property.findUnique({ where: { id: propertyIds[request % 2]! } }),
            forTenant(tenant.ref).property.findUnique({ where: { id: other.propertyIds[0]! } }),
          ]);
          return { slug: tenant.slug, listed: page.data.map((property) => property.name), own: own?.name ?? null, foreign };
        });
      }),
    );

    expect(cachedTenantClientCount()).toBeLessThanOrEqual(8);
    const crossTenantRows = results.flatMap((result) => [
      ...result.listed.filter((name) => !name.startsWith(`${result.slug} `)),
      ...(result.own?.startsWith(`${result.slug} `) ? [] : [result.own]),
      ...(result.foreign ? [result.foreign.name] : []),
    ]);
    expect(crossTenantRows).toEqual([]);
    for (const result of results) expect(result.listed.sort()).toEqual([`${result.slug} cottage`, `${result.slug} loft`]);
  }, 240_000); // seeding 20 tenants and the thrashing cache take ~40 s on a busy 2-core machine
});
