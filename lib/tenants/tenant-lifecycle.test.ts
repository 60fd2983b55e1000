import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { deleteTenant } from "./delete-tenant";
import { findTenantBySlug, listTenants } from "./find-tenant";
import { setTenantDomain } from "./set-tenant-domain";
import { setTenantStatus } from "./set-tenant-status";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("tenant lifecycle", () => {
  it("suspends and reactivates, with audit events", async () => {
    const tenant = await seedTenant();
    expect((await setTenantStatus(tenant.slug, "suspended")).status).toBe("suspended");
    expect((await setTenantStatus(tenant.slug, "active")).status).toBe("active");
    const actions = await sharedDb().auditLog.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((entry) => entry.action)).toEqual(["tenant.provisioned", "tenant.suspended", "tenant.activated"]);
  });

  it("refuses unknown slugs with not_found", async () => {
    expect((await failure(setTenantStatus("no-such-tenant", "suspended"))).code).toBe("not_found");
    expect((await failure(findTenantBySlug("no-such-tenant"))).code).toBe("not_found");
  });

  it.each([
    ["127.0.0.1", "IP address"],
    ["not a domain", "domain name"],
    ["shop.localhost", "root domain"],
    ["localhost", "domain name"],
  ])("refuses custom domain %s and changes nothing", async (domain, message) => {
    const tenant = await seedTenant();
    const error = await failure(setTenantDomain(tenant.slug, domain, { verified: true }));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain(message);
    expect((await findTenantBySlug(tenant.slug)).customDomain).toBeNull();
  });

  it("normalises domains (case, trailing dot, IDN to punycode) and refuses one held by another tenant", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    expect((await setTenantDomain(first.slug, "Bücher.Example.", { verified: true })).customDomain).toBe("xn--bcher-kva.example");
    const error = await failure(setTenantDomain(second.slug, "xn--bcher-kva.example", { verified: true }));
    expect(error.code).toBe("conflict");
    expect((await findTenantBySlug(second.slug)).customDomain).toBeNull();
  });

  it("delete drops the schema and the users, frees the domain and keeps the slug reserved", async () => {
    const tenant = await seedTenant();
    await setTenantDomain(tenant.slug, "gone.example", { verified: true });
    await deleteTenant(tenant.slug);

    const schema = await ownerPool().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [tenant.schema]);
    expect(schema.rowCount).toBe(0);
    expect(await sharedDb().user.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await findTenantBySlug(tenant.slug)).toMatchObject({ status: "deleted", customDomain: null });
    expect((await listTenants()).map((t) => t.slug)).not.toContain(tenant.slug);
    expect((await failure(deleteTenant(tenant.slug))).code).toBe("conflict");
    expect((await failure(seedTenant({ slug: tenant.slug }))).code).toBe("conflict");
  });
});
