import { describe, expect, it } from "vitest";
import { cachedUserRow, IDENTITY_CACHE_TTL_MS } from "@/lib/auth/identity-cache";
import { getBranding } from "@/lib/branding/get-branding";
import { reloadEnv } from "@/lib/env/env";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import type { TenantRef } from "./context";
import { cachedLookup } from "./tenant-cache";
import { announceTenantChange, cacheLifetimeMs, flushTenantChanges, listenForTenantChanges, stopTenantChangeListener, tenantChangesSubscribed } from "./tenant-change-bus";

// Short lifetimes for the configurable caches, long ones while subscribed; set before any cache exists.
const SHORT_MS = 50;
const SUBSCRIBED_MS = 600_000;
process.env.TENANT_CACHE_TTL_MS = String(SHORT_MS);
process.env.TENANT_PROFILE_TTL_MS = String(SHORT_MS);
process.env.TENANT_CACHE_SUBSCRIBED_TTL_MS = String(SUBSCRIBED_MS);
// A loaded test machine answers later than production's 250 ms Redis budget.
process.env.KV_TIMEOUT_MS = "2000";
reloadEnv();

/** A host-cache key whose loads are counted, so a reload shows. */
function countedHost(key: string, tenant: TenantRef) {
  const counter = { loads: 0 };
  const lookup = () =>
    cachedLookup(key, async () => {
      counter.loads += 1;
      return tenant;
    });
  return { counter, lookup };
}

describe("cache lifetimes tied to the tenant-change bus", () => {
  it("decides the lifetime from the subscription: long while subscribed, the entry's own otherwise, 0 stays 0", async () => {
    await listenForTenantChanges();
    expect(cacheLifetimeMs(IDENTITY_CACHE_TTL_MS)).toBe(SUBSCRIBED_MS);
    expect(cacheLifetimeMs(SUBSCRIBED_MS * 2)).toBe(SUBSCRIBED_MS * 2);
    expect(cacheLifetimeMs(0)).toBe(0);
    await stopTenantChangeListener();
    expect(tenantChangesSubscribed()).toBe(false);
    expect(cacheLifetimeMs(IDENTITY_CACHE_TTL_MS)).toBe(IDENTITY_CACHE_TTL_MS);
    expect(cacheLifetimeMs(0)).toBe(0);
    await listenForTenantChanges();
  });

  it("an entry stored while subscribed outlives the short TTL; one stored while not subscribed expires after it", async () => {
    await listenForTenantChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    await flushTenantChanges();

    const long = countedHost(`slug:${a.slug}`, a.ref);
    await long.lookup();
    const longProfile = await tenantProfile(a.id);

    await stopTenantChangeListener();
    const short = countedHost(`slug:${b.slug}`, b.ref);
    await short.lookup();
    const shortProfile = await tenantProfile(b.id);
    await short.lookup();
    expect(short.counter.loads).toBe(1);

    // Waits only until the short entries have expired (SHORT_MS), then checks the long ones are still there.
    await expect
      .poll(async () => {
        await short.lookup();
        return short.counter.loads;
      }, { timeout: 5_000, interval: 10 })
      .toBe(2);
    await expect.poll(async () => (await tenantProfile(b.id)) !== shortProfile, { timeout: 5_000, interval: 10 }).toBe(true);
    await long.lookup();
    expect(long.counter.loads).toBe(1);
    expect(await tenantProfile(a.id)).toBe(longProfile);

    // Re-subscribing drops everything: anything cached meanwhile may have missed a message.
    await listenForTenantChanges();
    await long.lookup();
    expect(long.counter.loads).toBe(2);
  });

  it("a tenant's change message drops that tenant's long-lived entries in every cache, and no other tenant's", async () => {
    await listenForTenantChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    const userA = await seedUser(a.id, "agent");
    const userB = await seedUser(b.id, "agent");
    await flushTenantChanges();

    const fill = async (tenant: SeededTenant, userId: string) => {
      const host = countedHost(`slug:${tenant.slug}`, tenant.ref);
      await host.lookup();
      return { host, profile: await tenantProfile(tenant.id), user: await cachedUserRow(userId, tenant.id), branding: await getBranding(tenant.ref) };
    };
    const cachedA = await fill(a, userA.id);
    const cachedB = await fill(b, userB.id);
    const expectStillCached = async (tenant: SeededTenant, userId: string, cached: Awaited<ReturnType<typeof fill>>) => {
      await cached.host.lookup();
      expect(cached.host.counter.loads).toBe(1);
      expect(await tenantProfile(tenant.id)).toBe(cached.profile);
      expect(await cachedUserRow(userId, tenant.id)).toBe(cached.user);
      expect(await getBranding(tenant.ref)).toBe(cached.branding);
    };
    await expectStillCached(a, userA.id, cachedA);
    await expectStillCached(b, userB.id, cachedB);

    // Announced only (as another process would), so only the message can drop A's entries here.
    await announceTenantChange(a.id);
    expect(await flushTenantChanges()).toBe(true);

    await cachedA.host.lookup();
    expect(cachedA.host.counter.loads).toBe(2);
    expect(await tenantProfile(a.id)).not.toBe(cachedA.profile);
    expect(await cachedUserRow(userA.id, a.id)).not.toBe(cachedA.user);
    expect(await getBranding(a.ref)).not.toBe(cachedA.branding);
    await expectStillCached(b, userB.id, cachedB);
  });
});
