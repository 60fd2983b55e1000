import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { startRedisServer } from "@/lib/dev/embedded-redis";
import { createKv, kv, useKvForProcess, type Kv } from "@/lib/kv/kv";
import { callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import { rateLimitCounters } from "./sliding-window-limiter";

// A tenant Redis refused is refused from this process's memory until the window ends: no script runs
// in Redis for it (counted on a Redis of this file's own, INFO commandstats), other tenants are asked.

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
const machineKv = await kv();
const server = await startRedisServer();
const client: Kv = await createKv({ kind: "redis", redisUrl: server.url }, { timeoutMs: 1_000, namespace: "blocked-test" });

/** Scripts Redis has run (the limiter's EVAL/EVALSHA), from the server's own statistics. */
function scriptCalls(): number {
  const stats = execFileSync("redis-cli", ["-u", server.url, "info", "commandstats"], { encoding: "utf8" });
  return [...stats.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

afterAll(async () => {
  useKvForProcess(machineKv);
  await client.close();
  await server.stop();
});

describe("blocked until the window ends (real Redis)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("after its 101st call is refused, a standard tenant's next calls are refused with the same headers and no Redis script; another tenant is still counted in Redis", async () => {
    useKvForProcess(client);
    const acme = await seedTenant();
    const globex = await seedTenant();
    const [acmeToken, globexToken] = await Promise.all(
      [acme, globex].map(async (tenant) => {
        const user = await seedUser(tenant.id, "viewer");
        return (await issueApiToken({ id: user.id, tenantId: tenant.id, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
      }),
    );
    const call = (tenant: SeededTenant, token: string) => callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token });
    for (let index = 1; index <= 100; index += 1) expect((await call(acme, acmeToken!)).status).toBe(200);
    const before = scriptCalls();
    const first = await call(acme, acmeToken!);
    expect(first.status).toBe(429);
    expect(scriptCalls()).toBe(before + 1);

    const blocked = rateLimitCounters().blocked;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const again = await call(acme, acmeToken!);
      expect(again.status).toBe(429);
      expect(again.json).toEqual(first.json);
      for (const header of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"]) expect(again.headers.get(header)).toBe(first.headers.get(header));
    }
    expect(scriptCalls()).toBe(before + 1);
    expect(rateLimitCounters().blocked).toBe(blocked + 5);

    // Refused before identity (step 1a′): a bad token gets the same 429 without a token check; a call
    // without credentials still gets its 401.
    const unchecked = await call(acme, "not-a-token");
    expect(unchecked.status).toBe(429);
    expect(unchecked.json).toEqual(first.json);
    expect((await callRouteWithHeaders(properties.GET, { host: hostOf(acme), path: "/api/v1/properties" })).status).toBe(401);
    expect(scriptCalls()).toBe(before + 1);

    const other = await call(globex, globexToken!);
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe("99");
    expect(scriptCalls()).toBe(before + 2);
  });
});
