import { randomBytes } from "node:crypto";
import { runAsTenant, type TenantRef } from "@/lib/tenancy/context";
import { createProperty } from "@/lib/properties/create-property";
import type { PropertyInput, PropertyView } from "@/lib/properties/property-schema";
import { provisionTenant, type ProvisionOptions, type ProvisionedTenant } from "@/lib/tenants/provision-tenant";

export interface SeededTenant extends ProvisionedTenant {
  ref: TenantRef;
}

/** Provisions a tenant with a unique slug (or the one given) through the real provisioning path. */
export async function seedTenant(overrides: { slug?: string; name?: string; plan?: string } = {}, options: ProvisionOptions = {}): Promise<SeededTenant> {
  const slug = overrides.slug ?? `t-${randomBytes(5).toString("hex")}`;
  const tenant = await provisionTenant(
    { name: overrides.name ?? `Tenant ${slug}`, slug, adminEmail: `owner@${slug}.test`, plan: overrides.plan },
    { sendWelcome: false, ...options },
  );
  const ref: TenantRef = {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: "active",
    planId: tenant.plan,
    customDomain: null,
    customDomainVerified: false,
    maintenance: null,
  };
  return { ...tenant, ref };
}

export function seedProperty(tenant: TenantRef, overrides: Partial<PropertyInput> = {}): Promise<PropertyView> {
  return runAsTenant(tenant, "seed", () =>
    createProperty({ tenant }, null, { name: "Harbour View", address: "1 Quay St", price: 250000, type: "house", ...overrides }),
  );
}

/** Drops every tenant schema and row of this test file's database, for tests that count tenants. */
export async function resetTenants(): Promise<void> {
  const { inTransaction, ownerPool } = await import("@/lib/db/pools");
  await inTransaction(ownerPool(), async (client) => {
    const { rows } = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname ~ '^tenant_[0-9a-f]{32}$'");
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await client.query("DELETE FROM public.schema_migrations WHERE schema_name <> 'public'");
    await client.query("DELETE FROM public.audit_logs");
    await client.query("DELETE FROM public.tenants");
  });
}
