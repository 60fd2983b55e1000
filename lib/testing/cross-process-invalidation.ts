import { expect } from "vitest";
import { reloadEnv } from "@/lib/env/env";
import { cachedLookup } from "@/lib/tenancy/tenant-cache";
import { flushTenantChanges, listenForTenantChanges, onTenantChange, type TenantChangeTransport } from "@/lib/tenancy/tenant-change-bus";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { onTenantProfileInvalidated, tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import type { TenantRef } from "@/lib/tenancy/context";
import { seedTenant } from "./seed-tenant";
import { spawnCli } from "./spawn-cli";

/**
 * Call at the top of a file using expectCrossProcessInvalidationOfOneTenant, before any cache exists: a
 * CLI run on a loaded machine can outlast the default 30 s TTLs, and an expiry would look like a reload.
 */
export function keepCachedEntriesForThisFile(): void {
  process.env.TENANT_CACHE_TTL_MS = "600000";
  process.env.TENANT_PROFILE_TTL_MS = "600000";
  reloadEnv();
}

/**
 * Tenant A is suspended by the CLI in another process; within 2 s of the CLI exiting this process has
 * dropped A's host entry and profile, and B's cached host entry and profile were neither dropped nor
 * reloaded. `cliEnv` chooses the CLI's transport (e.g. REDIS_URL="" for Postgres NOTIFY).
 */
export async function expectCrossProcessInvalidationOfOneTenant(expected: TenantChangeTransport, cliEnv: Record<string, string> = {}): Promise<void> {
  expect(await listenForTenantChanges()).toBe(expected);
  const a = await seedTenant();
  const b = await seedTenant();
  // Provisioning announced both; let those messages arrive before anything is cached.
  expect(await flushTenantChanges()).toBe(true);
  const heard: (string | null)[] = [];
  const stopHearing = onTenantChange((tenantId) => heard.push(tenantId));
  const droppedProfiles: (string | null)[] = [];
  const stopWatchingProfiles = onTenantProfileInvalidated((tenantId) => droppedProfiles.push(tenantId));
  try {
    const loads = { a: 0, b: 0 };
    const loader = (ref: TenantRef, which: "a" | "b") => async () => {
      loads[which] += 1;
      return ref;
    };
    // The keys resolveHost uses, filled through counting loaders so a reload would show.
    expect(await cachedLookup(`slug:${a.slug}`, loader(a.ref, "a"))).toEqual(a.ref);
    expect(await cachedLookup(`slug:${b.slug}`, loader(b.ref, "b"))).toEqual(b.ref);
    const profileB = await tenantProfile(b.id);
    await tenantProfile(a.id);
    expect(await cachedLookup(`slug:${a.slug}`, loader(a.ref, "a"))).toEqual(a.ref);
    expect(loads).toEqual({ a: 1, b: 1 });

    const run = await spawnCli(["tenants", "suspend", a.slug, "--json"], cliEnv);
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const exitedAt = Date.now();
    await expect.poll(() => heard.includes(a.id), { timeout: 2_000, interval: 20 }).toBe(true);
    expect(Date.now() - exitedAt).toBeLessThan(2_000);

    expect(await resolveHost(`${a.slug}.localhost:3000`)).toMatchObject({ surface: "tenant", tenant: { id: a.id, status: "suspended" } });
    expect(droppedProfiles).toContain(a.id);
    expect(heard.filter((tenantId) => tenantId !== a.id)).toEqual([]);
    expect(droppedProfiles.filter((tenantId) => tenantId !== a.id)).toEqual([]);
    expect(await cachedLookup(`slug:${b.slug}`, loader(b.ref, "b"))).toEqual(b.ref);
    expect(loads.b).toBe(1);
    expect(await tenantProfile(b.id)).toBe(profileB);
  } finally {
    stopHearing();
    stopWatchingProfiles();
  }
}
