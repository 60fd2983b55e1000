import { afterEach, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { admissionCounters, useMaxInFlightForProcess } from "./admission-control";
import { earlyTenantApiRefusal } from "./early-refusal";
import { withTenant } from "./with-tenant";

// The wrapper with a handler the test holds open (a gate it resolves), on real Postgres and Redis.

class Gate {
  entered = 0;
  private opened!: () => void;
  readonly open: Promise<void> = new Promise((resolve) => (this.opened = resolve));
  release(): void {
    this.opened();
  }
}

function slowRoute(gates: Map<string, Gate>, calls: string[] = []) {
  return withTenant(
    async ({ context }) => {
      calls.push(context.tenant.id);
      const gate = gates.get(context.tenant.id);
      if (gate) {
        gate.entered += 1;
        await gate.open;
      }
      return { tenant: context.tenant.slug };
    },
    { permission: "property:read" },
  );
}

async function tenantWithToken(plan?: string): Promise<{ tenant: SeededTenant; token: string }> {
  const tenant = await seedTenant(plan ? { plan } : {});
  const user = await seedUser(tenant.id, "viewer");
  const { accessToken } = await issueApiToken({ id: user.id, tenantId: tenant.id, email: user.email, name: null, role: user.role, sessionVersion: 0 });
  return { tenant, token: accessToken };
}

const call = (route: ReturnType<typeof slowRoute>, { tenant, token }: { tenant: SeededTenant; token: string }) =>
  callRouteWithHeaders(route, { host: `${tenant.slug}.localhost:3000`, path: "/api/v1/slow", token });

describe("admission control", () => {
  afterEach(() => useMaxInFlightForProcess(null));

  it("a tenant holding its share of in-flight requests gets 429 + Retry-After; another tenant is still served; the share frees when they finish", async () => {
    useMaxInFlightForProcess(160);
    const acme = await tenantWithToken();
    const globex = await tenantWithToken();
    const gate = new Gate();
    const route = slowRoute(new Map([[acme.tenant.id, gate]]));

    // Standard: 1/32 of 160 = 5 in flight.
    const held = Array.from({ length: 5 }, () => call(route, acme));
    await expect.poll(() => gate.entered, { timeout: 15_000 }).toBe(5);
    const refused = await call(route, acme);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.json).toMatchObject({ error: "rate_limited", message: `${acme.tenant.name} already has 5 API requests in progress (Standard plan). Try again in 1 s.` });

    // Counted before identity: over the share, even a bad token is refused by the cap without a token check.
    const unchecked = await call(route, { tenant: acme.tenant, token: "not-a-token" });
    expect(unchecked.status).toBe(429);
    expect(unchecked.headers.get("ratelimit-limit")).toBeNull();

    // proxy.ts answers the same refusal before routing (no route, no token check), for tenant API paths only.
    const acmeHost = await resolveHost(`${acme.tenant.slug}.localhost:3000`);
    const early = earlyTenantApiRefusal(acmeHost, `${acme.tenant.slug}.localhost:3000`, "/api/v1/slow");
    expect(early?.status).toBe(429);
    expect(early?.headers.get("retry-after")).toBe("1");
    expect(early?.headers.get("ratelimit-limit")).toBeNull();
    const withoutReset = (body: unknown) => ({ ...(body as object), details: { ...(body as { details: object }).details, resetAt: "" } });
    expect(withoutReset(await early?.json())).toEqual(withoutReset(refused.json));
    expect(earlyTenantApiRefusal(acmeHost, `${acme.tenant.slug}.localhost:3000`, "/dashboard")).toBeNull();
    expect(earlyTenantApiRefusal(await resolveHost(`${globex.tenant.slug}.localhost:3000`), `${globex.tenant.slug}.localhost:3000`, "/api/v1/slow")).toBeNull();

    const other = await call(route, globex);
    expect(other).toMatchObject({ status: 200, json: { tenant: globex.tenant.slug } });

    gate.release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(earlyTenantApiRefusal(acmeHost, `${acme.tenant.slug}.localhost:3000`, "/api/v1/slow")).toBeNull();
    expect((await call(route, acme)).status).toBe(200);
    expect(admissionCounters().inFlight).toBe(0);
  });

  it("a professional tenant gets a larger share (1/16 of the cap)", async () => {
    useMaxInFlightForProcess(64);
    const pro = await tenantWithToken("professional");
    const gate = new Gate();
    const route = slowRoute(new Map([[pro.tenant.id, gate]]));
    const held = Array.from({ length: 4 }, () => call(route, pro));
    await expect.poll(() => gate.entered, { timeout: 15_000 }).toBe(4);
    expect((await call(route, pro)).status).toBe(429);
    gate.release();
    await Promise.all(held);
  });

  it("a full process answers 503 + Retry-After at once, before any tenant or database work, and serves again when requests finish", async () => {
    // Enterprise: 1/4 of 8 = 2 each, so two tenants fill the process.
    useMaxInFlightForProcess(8);
    const acme = await tenantWithToken("enterprise");
    const globex = await tenantWithToken("enterprise");
    const fourth = await tenantWithToken("enterprise");
    const fifth = await tenantWithToken("enterprise");
    const third = await tenantWithToken();
    const gates = new Map([acme, globex, fourth, fifth].map((caller) => [caller.tenant.id, new Gate()]));
    const calls: string[] = [];
    const route = slowRoute(gates, calls);
    const held = [acme, acme, globex, globex, fourth, fourth, fifth, fifth].map((caller) => call(route, caller));
    await expect.poll(() => [...gates.values()].map((gate) => gate.entered), { timeout: 15_000 }).toEqual([2, 2, 2, 2]);

    const overloaded = admissionCounters().refusedOverloaded;
    const started = performance.now();
    const busy = await call(route, third);
    // No host, identity or database work: far below one authorised request even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(busy.json).toMatchObject({ error: "unavailable", message: "The server is busy. Try again in 1 s." });
    expect(busy.headers.get("ratelimit-limit")).toBeNull();
    expect(admissionCounters().refusedOverloaded).toBe(overloaded + 1);
    expect(calls).not.toContain(third.tenant.id);

    for (const gate of gates.values()) gate.release();
    await Promise.all(held);
    expect((await call(route, third)).status).toBe(200);
  });

  it("a client that disconnects gets no handler work: before admission, and while its request is being authorised", async () => {
    const acme = await tenantWithToken();
    const calls: string[] = [];
    const route = slowRoute(new Map(), calls);
    const request = (signal: AbortSignal) =>
      new Request(`http://${acme.tenant.slug}.localhost:3000/api/v1/slow`, {
        headers: { host: `${acme.tenant.slug}.localhost:3000`, authorization: `Bearer ${acme.token}`, [PEER_HEADER]: peerHeaderValue("203.0.113.7") },
        signal,
      });
    const params = { params: Promise.resolve({}) };
    const abandoned = admissionCounters().abandoned;

    const gone = new AbortController();
    gone.abort();
    expect((await route(request(gone.signal), params)).status).toBe(499);

    const leaving = new AbortController();
    const pending = route(request(leaving.signal), params);
    leaving.abort();
    expect((await pending).status).toBe(499);

    expect(calls).toEqual([]);
    expect(admissionCounters()).toMatchObject({ abandoned: abandoned + 2, inFlight: 0 });
    const served = await route(request(new AbortController().signal), params);
    expect(served.status).toBe(200);
    expect(calls).toEqual([acme.tenant.id]);
  });
});
