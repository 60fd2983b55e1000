import { describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env/env";
import { expectCrossProcessInvalidationOfOneTenant, keepCachedEntriesForThisFile } from "@/lib/testing/cross-process-invalidation";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { cachedLookup } from "./tenant-cache";
import { flushTenantChanges, listenForTenantChanges } from "./tenant-change-bus";

keepCachedEntriesForThisFile();

// A loaded test machine answers later than production's 250 ms Redis budget; the CLI inherits this too.
process.env.KV_TIMEOUT_MS = "2000";
reloadEnv();

describe("tenant cache invalidation over Redis pub/sub", () => {
  it("a tenant changed by the CLI in another process is dropped here within 2 s; another tenant's entries stay", async () => {
    await expectCrossProcessInvalidationOfOneTenant("redis");
  });

  it("a change drops every negative answer (the change may make a host resolve) but no other tenant's positive one", async () => {
    await listenForTenantChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    await flushTenantChanges();
    let loads = 0;
    const counted = (value: typeof a.ref | null) => async () => {
      loads += 1;
      return value;
    };
    await cachedLookup("slug:not-yet-there", counted(null));
    await cachedLookup(`slug:${b.slug}`, counted(b.ref));
    expect(loads).toBe(2);
    await publishTenantChange(a.id);
    await flushTenantChanges();
    await cachedLookup("slug:not-yet-there", counted(null));
    await cachedLookup(`slug:${b.slug}`, counted(b.ref));
    expect(loads).toBe(3);
  });

  it("a load that started before its tenant's invalidation is not cached after it", async () => {
    await listenForTenantChanges();
    const a = await seedTenant();
    await flushTenantChanges();
    let release = () => {};
    const slowLoad = cachedLookup(`slug:${a.slug}`, () => new Promise((resolve) => (release = () => resolve(a.ref))));
    await publishTenantChange(a.id);
    release();
    expect(await slowLoad).toEqual(a.ref);
    let reloaded = false;
    await cachedLookup(`slug:${a.slug}`, async () => {
      reloaded = true;
      return a.ref;
    });
    expect(reloaded).toBe(true);
  });
});
