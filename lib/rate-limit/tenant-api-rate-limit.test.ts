import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setTenantPlan } from "@/lib/tenant-profile/set-tenant-plan";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { readUsageReport } from "@/lib/usage/read-usage";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import * as usage from "@/app/t/[tenantId]/api/v1/usage/route";
import { peekRateLimit, rateLimitCounters } from "./sliding-window-limiter";

// The per-tenant API limit on this machine's real Redis (through lib/kv, namespaced per file).

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

const list = (tenant: SeededTenant, token: string, ip?: string) =>
  callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token, ip });

describe("per-tenant API rate limit (real Redis)", () => {
  // The clock (Date only; timers stay real) is held 1 s into a window, so no test straddles two
  // windows, where the sliding weight of the previous one would move the numbers.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a standard tenant's 101st call in a minute → 429 with headers; another tenant is unaffected; an upgrade lifts it at once", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const acmeToken = await tokenFor(await seedUser(acme.id, "agent"));
    const globexToken = await tokenFor(await seedUser(globex.id, "agent"));
    const degradedBefore = rateLimitCounters().degraded;

    const first = await list(acme, acmeToken);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("100");
    expect(first.headers.get("ratelimit-remaining")).toBe("99");
    expect(first.headers.get("ratelimit-reset")).toBe("59");

    // Counted per tenant, not per IP: calls from many addresses share the budget.
    for (let call = 2; call <= 100; call += 1) {
      const response = await list(acme, acmeToken, `198.51.100.${call}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-remaining")).toBe(String(100 - call));
    }

    const refused = await list(acme, acmeToken);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: "rate_limited" });
    expect(String(refused.json?.message)).toContain("100 API requests per minute (Standard plan)");
    expect(refused.json?.details).toEqual({ policy: "tenantApi", limit: 100, remaining: 0, resetAt: expect.any(String), retryAfterSeconds: 59 });
    expect(Date.parse(String((refused.json?.details as { resetAt: string }).resetAt)) - Date.now()).toBeGreaterThan(50_000);
    expect(refused.headers.get("ratelimit-limit")).toBe("100");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("ratelimit-reset")).toBe("59");
    expect(refused.headers.get("retry-after")).toBe("59");

    const other = await list(globex, globexToken);
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe("99");

    await setTenantPlan(acme.slug, "professional");
    const lifted = await list(acme, acmeToken);
    expect(lifted.status).toBe(200);
    expect(lifted.headers.get("ratelimit-limit")).toBe("500");
    expect(lifted.headers.get("ratelimit-remaining")).toBe("399");
    expect(rateLimitCounters().degraded).toBe(degradedBefore);
  });

  it("responses refused later in the chain (permission, validation) carry the headers; unauthenticated calls do not spend the budget", async () => {
    const tenant = await seedTenant();
    const viewerToken = await tokenFor(await seedUser(tenant.id, "viewer"));
    const denied = await callRouteWithHeaders(properties.POST, { host: hostOf(tenant), path: "/api/v1/properties", method: "POST", token: viewerToken, body: {} });
    expect(denied.status).toBe(403);
    expect(denied.headers.get("ratelimit-remaining")).toBe("99");
    const anonymous = await callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("ratelimit-limit")).toBeNull();
    expect((await list(tenant, viewerToken)).headers.get("ratelimit-remaining")).toBe("98");
  });
});

describe("read-only peek at the API window (real Redis)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("after N calls the peek shows N used, peeking spends nothing, and GET /api/v1/usage and the report show it per tenant", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "owner"));
    const profile = await tenantProfile(tenant.id);
    const untouched = await peekRateLimit("tenantApi", tenant.id, profile);
    expect(untouched).toMatchObject({ limit: 100, used: 0, remaining: 100, store: "redis" });

    for (let call = 1; call <= 7; call += 1) expect((await list(tenant, token)).status).toBe(200);
    for (let peek = 0; peek < 5; peek += 1) {
      expect(await peekRateLimit("tenantApi", tenant.id, profile)).toMatchObject({ limit: 100, used: 7, remaining: 93 });
    }
    const report = await readUsageReport(tenant.id, 1);
    expect(report.apiRateLimit).toMatchObject({ limit: 100, used: 7, remaining: 93 });
    expect(report.limits.find((entry) => entry.limit === "apiRequestsPerMinute")).toEqual({ limit: "apiRequestsPerMinute", max: 100, usage: 7 });
    // The 8th call: the peeks and the report took nothing.
    expect((await list(tenant, token)).headers.get("ratelimit-remaining")).toBe("92");

    // The usage API call is itself the 9th.
    const viaApi = await callRouteWithHeaders(usage.GET, { host: hostOf(tenant), path: "/api/v1/usage", token });
    expect(viaApi.status).toBe(200);
    expect(viaApi.json?.apiRateLimit).toMatchObject({ limit: 100, used: 9, remaining: 91 });
    expect(viaApi.headers.get("ratelimit-remaining")).toBe("91");

    expect(await peekRateLimit("tenantApi", other.id, await tenantProfile(other.id))).toMatchObject({ used: 0, remaining: 100 });
    // Another tenant's owner cannot read it through its own token on this host.
    const otherToken = await tokenFor(await seedUser(other.id, "owner"));
    expect((await callRouteWithHeaders(usage.GET, { host: hostOf(tenant), path: "/api/v1/usage", token: otherToken })).status).toBe(403);
  });
});
