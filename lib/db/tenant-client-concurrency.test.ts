import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedDb, sharedDbFor } from "@/lib/db/shared-client";
import { cachedTenantClientCount, forTenant } from "@/lib/db/tenant-client";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { runAsTenant } from "@/lib/tenancy/context";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";

const TENANTS = 20;
const REQUESTS = 200;
const ACTIVE_TENANTS = 10_000;

const tenants: Array<{ tenant: SeededTenant; propertyIds: string[] }> = [];

beforeAll(async () => {
  for (let index = 0; index < TENANTS; index++) {
    const tenant = await seedTenant();
    const first = await seedProperty(tenant.ref, { name: `${tenant.slug} cottage` });
    const second = await seedProperty(tenant.ref, { name: `${tenant.slug} loft` });
    tenants.push({ tenant, propertyIds: [first.id, second.id] });
  }
}, 240_000); // seeding 20 tenants takes ~40 s on a busy 2-core machine

describe("the one tenant client under concurrency", () => {
  it("every same-tick list and lookup returns only its own tenant's rows", async () => {
    // Started in one tick: Prisma would batch these findUnique calls of the one client into one statement.
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

    expect(cachedTenantClientCount()).toBe(1);
    const crossTenantRows = results.flatMap((result) => [
      ...result.listed.filter((name) => !name.startsWith(`${result.slug} `)),
      ...(result.own?.startsWith(`${result.slug} `) ? [] : [result.own]),
      ...(result.foreign ? [result.foreign.name] : []),
    ]);
    expect(crossTenantRows).toEqual([]);
    for (const result of results) expect(result.listed.sort()).toEqual([`${result.slug} cottage`, `${result.slug} loft`]);
  }, 120_000);

  it(`the scoped list returns only the tenant's rows with ${ACTIVE_TENANTS.toLocaleString("en")} active tenants in flight`, async () => {
    // Every request its own tenant: the 20 provisioned ones interleaved with tenants whose schema does not
    // exist here, which must fail on their own schema — never be answered from another tenant's.
    const requests = Array.from({ length: ACTIVE_TENANTS }, (_unused, request) =>
      request % 500 < TENANTS ? tenants[request % 500]!.tenant.ref : { ...tenants[0]!.tenant.ref, id: randomUUID(), slug: `absent-${request}` },
    );
    expect(new Set(requests.map((tenant) => tenant.id)).size).toBe(ACTIVE_TENANTS - (ACTIVE_TENANTS / 500 - 1) * TENANTS);
    const results = await Promise.all(
      requests.map((tenant, request) =>
        runAsTenant(tenant, `active-${request}`, () => findPropertiesPage({ tenant })).then(
          (page) => ({ slug: tenant.slug, listed: page.data.map((property) => property.name), failed: false }),
          () => ({ slug: tenant.slug, listed: [], failed: true }),
        ),
      ),
    );

    expect(cachedTenantClientCount()).toBe(1);
    const provisioned = new Set(tenants.map(({ tenant }) => tenant.slug));
    const served = results.filter((result) => provisioned.has(result.slug));
    expect(served).toHaveLength((ACTIVE_TENANTS / 500) * TENANTS);
    for (const result of served) expect({ slug: result.slug, listed: result.listed.sort() }).toEqual({ slug: result.slug, listed: [`${result.slug} cottage`, `${result.slug} loft`] });
    expect(results.filter((result) => !provisioned.has(result.slug) && !result.failed)).toEqual([]);
  }, 240_000);

  it("concurrent interactive transactions and raw queries stay in their own tenant's schema", async () => {
    const seen = await Promise.all(
      tenants.slice(0, 4).map(({ tenant }, request) =>
        runAsTenant(tenant.ref, `itx-${request}`, () =>
          forTenant(tenant.ref).$transaction(async (tx) => {
            const [row] = await tx.$queryRaw<Array<{ path: string; tenant_id: string }>>`SELECT current_setting('search_path') AS path, current_setting('app.tenant_id') AS tenant_id`;
            const raw = await tx.$queryRaw<Array<{ name: string }>>`SELECT name FROM properties ORDER BY name`;
            const listed = await tx.property.findMany({ orderBy: { name: "asc" }, select: { name: true } });
            return { slug: tenant.slug, path: row?.path, tenantId: row?.tenant_id, raw: raw.map((property) => property.name), listed: listed.map((property) => property.name) };
          }),
        ),
      ),
    );
    for (const [index, result] of seen.entries()) {
      const { tenant } = tenants[index]!;
      const names = [`${tenant.slug} cottage`, `${tenant.slug} loft`];
      expect(result).toEqual({ slug: tenant.slug, path: `"tenant_${tenant.id.replaceAll("-", "")}"`, tenantId: tenant.id, raw: names, listed: names });
    }
  });
});

describe("the one shared-rows client under concurrency", () => {
  it("same-tick lookups of different tenants' users, bound or in context, return only each tenant's row", async () => {
    const owners = await Promise.all(
      tenants.map(async ({ tenant }) => {
        const user = await sharedDbFor(tenant.id).user.findFirstOrThrow({ where: { email: `owner@${tenant.slug}.test` } });
        return { tenant, userId: user.id, email: user.email };
      }),
    );
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_unused, request) => {
        const { tenant, userId, email } = owners[request % TENANTS]!;
        const other = owners[(request + 1) % TENANTS]!;
        const bound = sharedDbFor(tenant.id);
        return Promise.all([
          bound.user.findUnique({ where: { id: userId } }),
          bound.user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email } } }),
          bound.user.findUnique({ where: { id: other.userId } }),
          runAsTenant(tenant.ref, `shared-${request}`, () => sharedDb().user.findUnique({ where: { id: userId } })),
          runAsTenant(tenant.ref, `shared-foreign-${request}`, () => sharedDb().user.findUnique({ where: { id: other.userId } })),
        ]).then(([byId, byEmail, foreign, inContext, foreignInContext]) => ({ userId, found: [byId?.id, byEmail?.id, inContext?.id], foreign: [foreign, foreignInContext] }));
      }),
    );
    for (const result of results) expect(result).toEqual({ userId: result.userId, found: [result.userId, result.userId, result.userId], foreign: [null, null] });
  }, 120_000);

  it("an interactive transaction of a bound client keeps its tenant", async () => {
    const [first, second] = tenants;
    const seen = await Promise.all(
      [first!, second!].map(({ tenant }) =>
        sharedDbFor(tenant.id).$transaction(async (tx) => {
          const [row] = await tx.$queryRaw<Array<{ tenant_id: string }>>`SELECT current_setting('app.tenant_id') AS tenant_id`;
          const users = await tx.user.findMany({ select: { tenantId: true } });
          return { setting: row?.tenant_id, tenants: [...new Set(users.map((user) => user.tenantId))] };
        }),
      ),
    );
    expect(seen).toEqual([
      { setting: first!.tenant.id, tenants: [first!.tenant.id] },
      { setting: second!.tenant.id, tenants: [second!.tenant.id] },
    ]);
  });
});
