import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { createKv, kv, useKvForProcess, type Kv } from "@/lib/kv/kv";
import { callRouteWithHeaders } from "@/lib/testing/call-route";
import { startRedisServer } from "@/lib/dev/embedded-redis";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import { rateLimitCounters } from "./sliding-window-limiter";

// Redis stopped in the middle of the test: requests are still served, decided by this process's own
// sliding window (degraded, counted), so a flooder is still limited per process. And with no Redis
// configured at all, the in-process limiter keeps the same semantics.

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
const machineKv = await kv();
const server = await startRedisServer({ stopSignal: "SIGKILL" });
const client: Kv = await createKv({ kind: "redis", redisUrl: server.url }, { timeoutMs: 250, namespace: "degraded-test" });

afterAll(async () => {
  useKvForProcess(machineKv);
  await client.close();
  await server.stop();
});

describe("rate limit when Redis is down or absent", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("Redis killed mid-test → requests are still served and counted as degraded; a tenant far over its limit in this process is refused (429), another tenant is not", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const [acmeToken, globexToken] = await Promise.all(
      [acme, globex].map(async (tenant) => {
        const user = await seedUser(tenant.id, "agent");
        return (await issueApiToken({ id: user.id, tenantId: tenant.id, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
      }),
    );
    useKvForProcess(client);
    const call = (tenant: SeededTenant, token: string) => callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token });

    const before = await call(acme, acmeToken!);
    expect(before.status).toBe(200);
    expect(before.headers.get("ratelimit-remaining")).toBe("99");
    expect(await client.redis.keys("degraded-test:ratelimit:*")).not.toHaveLength(0);

    await server.stop();
    const degraded = rateLimitCounters().degraded;
    const started = performance.now();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const during = await call(acme, acmeToken!);
      expect(during.status).toBe(200);
      expect(during.headers.get("ratelimit-limit")).toBe("100");
      // The process's own count: the call before the stop (counted in Redis and here) and these.
      expect(during.headers.get("ratelimit-remaining")).toBe(String(100 - 2 - attempt));
    }
    expect(rateLimitCounters().degraded).toBe(degraded + 3);
    // Never blocked for long: each try is bounded by the kv timeout (250 ms here), three calls well under 3 s.
    expect(performance.now() - started).toBeLessThan(3_000);

    // Within its limit a tenant is never refused because Redis is down: calls 5–100 of the minute are served.
    for (let index = 5; index <= 100; index += 1) expect((await call(acme, acmeToken!)).status).toBe(200);
    const refused = await call(acme, acmeToken!);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: "rate_limited", details: { policy: "tenantApi", limit: 100, remaining: 0, retryAfterSeconds: 59 } });
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("retry-after")).toBe("59");
    const other = await call(globex, globexToken!);
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe("99");
    expect(rateLimitCounters().degraded).toBe(degraded + 101);
  });

  it("no Redis configured → an in-process limiter: the 101st call in a minute is refused, another tenant is not", async () => {
    useKvForProcess(null);
    const acme = await seedTenant();
    const globex = await seedTenant();
    const tokens = await Promise.all(
      [acme, globex].map(async (tenant) => {
        const user = await seedUser(tenant.id, "viewer");
        return (await issueApiToken({ id: user.id, tenantId: tenant.id, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
      }),
    );
    const inProcess = rateLimitCounters().inProcess;
    const call = (tenant: SeededTenant, token: string) => callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token });
    for (let index = 1; index <= 100; index += 1) {
      const response = await call(acme, tokens[0]!);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-remaining")).toBe(String(100 - index));
    }
    const refused = await call(acme, tokens[0]!);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("59");
    expect((await call(globex, tokens[1]!)).status).toBe(200);
    expect(rateLimitCounters().inProcess).toBe(inProcess + 102);
  });
});
