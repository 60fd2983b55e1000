import { beforeAll, describe, expect, it } from "vitest";
import { getBranding } from "@/lib/branding/get-branding";
import { ownerPool } from "@/lib/db/pools";
import { kv, useKvForProcess } from "@/lib/kv/kv";
import { expectCrossProcessInvalidationOfOneTenant, keepCachedEntriesForThisFile } from "@/lib/testing/cross-process-invalidation";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { announceTenantChange, flushTenantChanges, listenForTenantChanges } from "./tenant-change-bus";

keepCachedEntriesForThisFile();

describe("tenant cache invalidation without Redis (Postgres LISTEN on the direct connection)", () => {
  beforeAll(() => useKvForProcess(null));

  it("a tenant changed by the CLI in another process is dropped here within 2 s; another tenant's entries stay", async () => {
    await expectCrossProcessInvalidationOfOneTenant("postgres", { REDIS_URL: "" });
  });

  it("branding is cached in the process and dropped for the announced tenant only", async () => {
    expect(await kv()).toBeNull();
    expect(await listenForTenantChanges()).toBe("postgres");
    const a = await seedTenant();
    const b = await seedTenant();
    await flushTenantChanges();
    await getBranding(a.ref);
    await getBranding(b.ref);
    for (const tenant of [a, b]) await ownerPool().query("UPDATE public.tenant_settings SET primary_color = '#123456' WHERE tenant_id = $1", [tenant.id]);
    await announceTenantChange(a.id);
    await flushTenantChanges();
    expect((await getBranding(a.ref)).primaryColor).toBe("#123456");
    expect((await getBranding(b.ref)).primaryColor).toBe("#1d4ed8");
  });
});
