import { describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env/env";
import { ownerPool } from "@/lib/db/pools";
import { kv } from "@/lib/kv/kv";
import { announceTenantChange, flushTenantChanges, listenForTenantChanges, onTenantChange, tenantGenerationKey } from "@/lib/tenancy/tenant-change-bus";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { setLimitOverride } from "@/lib/tenant-profile/set-limit-override";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { BRANDING_REDIS_TTL_SECONDS, brandingRedisKey } from "./branding-cache";
import type { Branding } from "./branding-schema";
import { getBranding } from "./get-branding";

// A loaded test machine answers later than production's 250 ms Redis budget; the CLI inherits this too.
process.env.KV_TIMEOUT_MS = "2000";
reloadEnv();

/** A change no process announces: only a reload from Postgres can show it. */
async function recolourSilently(tenantId: string, colour: string): Promise<void> {
  await ownerPool().query("UPDATE public.tenant_settings SET primary_color = $2 WHERE tenant_id = $1", [tenantId, colour]);
}

describe("branding cache in Redis", () => {
  it("keeps each tenant's branding in Redis for 1 h; a change to tenant A by the CLI drops A's only, here and in Redis", async () => {
    const client = (await kv())!;
    expect(client).not.toBeNull();
    await listenForTenantChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    await flushTenantChanges();

    expect((await getBranding(a.ref)).primaryColor).toBe("#1d4ed8");
    expect((await getBranding(b.ref)).primaryColor).toBe("#1d4ed8");
    const storedB = await client.redis.get<{ generation: number; branding: Branding }>(brandingRedisKey(client, b.id));
    expect(storedB?.branding.primaryColor).toBe("#1d4ed8");
    const ttl = await client.redis.ttl(brandingRedisKey(client, b.id));
    expect(ttl).toBeGreaterThan(BRANDING_REDIS_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(BRANDING_REDIS_TTL_SECONDS);

    await recolourSilently(a.id, "#aa0000");
    await recolourSilently(b.id, "#bb0000");
    // Cached: neither silent change shows.
    expect((await getBranding(a.ref)).primaryColor).toBe("#1d4ed8");
    expect((await getBranding(b.ref)).primaryColor).toBe("#1d4ed8");

    const heard: (string | null)[] = [];
    const stop = onTenantChange((tenantId) => heard.push(tenantId));
    const generationBefore = await client.redis.get<number>(tenantGenerationKey(client, a.id));
    const run = await spawnCli(["tenants", "set-plan", a.slug, "professional", "--json"]);
    stop();
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    await expect.poll(async () => (await getBranding(a.ref)).primaryColor, { timeout: 2_000, interval: 20 }).toBe("#aa0000");
    expect(heard.filter((tenantId) => tenantId !== a.id)).toEqual([]);
    expect(await client.redis.get<number>(tenantGenerationKey(client, a.id))).toBe((generationBefore ?? 0) + 1);

    // B was neither reloaded here nor in Redis: still the colour from before its silent change.
    expect((await getBranding(b.ref)).primaryColor).toBe("#1d4ed8");
    expect(await client.redis.get(brandingRedisKey(client, b.id))).toEqual(storedB);
    // A's entry in Redis was refilled under A's new generation.
    const storedA = await client.redis.get<{ generation: number; branding: Branding }>(brandingRedisKey(client, a.id));
    expect(storedA).toMatchObject({ generation: (generationBefore ?? 0) + 1, branding: { primaryColor: "#aa0000" } });
  });

  it("an entry stored under an older generation is not served (a load that raced a change)", async () => {
    const client = (await kv())!;
    await listenForTenantChanges();
    const a = await seedTenant();
    await flushTenantChanges();
    const fresh = await getBranding(a.ref);
    const generation = (await client.redis.get<number>(tenantGenerationKey(client, a.id))) ?? 0;
    await recolourSilently(a.id, "#00aa00");
    // What a process that read the generation, then loaded before the change committed, stores.
    await client.redis.set(brandingRedisKey(client, a.id), { generation, branding: { ...fresh, primaryColor: "#000000" } });
    await announceTenantChange(a.id);
    await flushTenantChanges();
    expect((await getBranding(a.ref)).primaryColor).toBe("#00aa00");
  });

  it("stores nothing in Redis for a tenant whose cache size (an enterprise override) the entry would exceed", async () => {
    const client = (await kv())!;
    await listenForTenantChanges();
    const small = await seedTenant({ plan: "enterprise" });
    const roomy = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(small.slug, "cacheBytes", 100);
    await flushTenantChanges();
    expect((await getBranding(small.ref)).primaryColor).toBe("#1d4ed8");
    expect((await getBranding(roomy.ref)).primaryColor).toBe("#1d4ed8");
    expect(await client.redis.exists(brandingRedisKey(client, small.id))).toBe(0);
    expect(await client.redis.exists(brandingRedisKey(client, roomy.id))).toBe(1);
  });
});
