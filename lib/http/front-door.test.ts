import { once } from "node:events";
import { createServer, request as httpRequest, type ClientRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { readUsageReport } from "@/lib/usage/read-usage";
import { flushUsage } from "@/lib/usage/usage-meter";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import { AdmissionTicket, tenantInFlightCap, useMaxInFlightForProcess } from "./admission-control";
import { installPeerStamp } from "./client-ip";
import { earlyTenantApiRefusal } from "./early-refusal";
import { frontDoorCounters, frontDoorDecision, installFrontDoor, releasePassed, useRefusalPacingForProcess } from "./front-door";

// The front door on a real HTTP server of this process: its 'request' listener stands in for Next and
// hands every request it gets to the real properties route (withTenant, real Redis and Postgres), counting
// them, so "answered by the front door" is "the listener never saw it".

installPeerStamp();
installFrontDoor();

let reached = 0;
async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  reached += 1;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  const answer = await properties.GET(new Request(`http://${request.headers.host}${request.url}`, { method: request.method, headers }), { params: Promise.resolve({}) });
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}
const server = createServer((request, response) => void forward(request, response));
server.listen(0, "127.0.0.1");
await once(server, "listening");
const port = (server.address() as AddressInfo).port;

afterAll(async () => {
  useRefusalPacingForProcess({ delayMs: null, heldMax: null });
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  json: Record<string, unknown> | null;
  /** performance.now() when the response arrived (Date is faked in these tests). */
  at: number;
}

function start(host: string, token: string | null, path = "/api/v1/properties"): { request: ClientRequest; answer: Promise<Answer> } {
  const request = httpRequest({ host: "127.0.0.1", port, path, agent: false, headers: { host, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, at: performance.now() });
      });
    });
  });
  request.end();
  return { request, answer };
}
const get = (host: string, token: string | null, path?: string) => start(host, token, path).answer;

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
async function tokenOf(tenant: SeededTenant): Promise<string> {
  const user = await seedUser(tenant.id, "viewer");
  return (await issueApiToken({ id: user.id, tenantId: tenant.id, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken!;
}

/** A standard tenant's 100 calls of a minute, and the 101st, refused by withTenant (which records it for the front door). */
async function exhaust(tenant: SeededTenant, token: string) {
  const call = () => callRouteWithHeaders(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token });
  for (let index = 1; index <= 100; index += 1) expect((await call()).status).toBe(200);
  const refused = await call();
  expect(refused.status).toBe(429);
  return refused;
}

describe("the front door (real Redis and Postgres)", () => {
  let windowStart = 0;
  beforeEach(() => {
    windowStart = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    vi.useFakeTimers({ toFake: ["Date"], now: windowStart + 1_000 });
    useRefusalPacingForProcess({ delayMs: 0, heldMax: null });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers a standard tenant's 102nd call with withTenant's 429 and proxy.ts's headers, without reaching the handler, and meters it; other tenants and spoofed hosts go on", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const [acmeToken, globexToken] = await Promise.all([tokenOf(acme), tokenOf(globex)]);
    const refused = await exhaust(acme, acmeToken);

    const before = { reached, counters: frontDoorCounters() };
    const answer = await get(hostOf(acme), acmeToken, "/api/v1/properties?limit=20");
    expect(answer.status).toBe(429);
    expect(reached).toBe(before.reached);
    expect(answer.json).toEqual(refused.json);
    for (const header of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after", "cache-control", "content-type"]) {
      expect(answer.headers[header]).toBe(refused.headers.get(header));
    }
    expect(answer.headers["retry-after"]).toBe("59");
    expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(frontDoorCounters().rateLimited).toBe(before.counters.rateLimited + 1);

    // Metered like withTenant's 429s: one more call (and error) of the route pattern.
    await flushUsage();
    const usage = await readUsageReport(acme.id, 1);
    expect(usage.endpoints.find((row) => row.endpoint === "GET /api/v1/properties")?.calls).toBe(102);
    expect(usage.days.at(-1)).toMatchObject({ calls: 102, errors: 2 });

    // Same tenant, however the Host is spelt: refused here.
    expect((await get(`${acme.slug.toUpperCase()}.LOCALHOST:3000`, acmeToken)).status).toBe(429);
    expect(reached).toBe(before.reached);

    // Not refused here: another tenant; a blocked tenant's token on another tenant's Host (spoofing); a
    // look-alike Host; the blocked tenant without credentials (its 401, as step 1a′); an endpoint withTenant
    // has not metered a refusal of (no route pattern to meter it under: withTenant refuses it).
    expect((await get(hostOf(globex), globexToken)).status).toBe(200);
    expect((await get(hostOf(globex), acmeToken)).status).toBe(403);
    expect((await get(`${acme.slug}.localhost.evil.test`, acmeToken)).status).not.toBe(429);
    expect((await get(hostOf(acme), null)).status).toBe(401);
    expect((await get(hostOf(acme), acmeToken, "/api/v1/properties/")).status).toBe(429);
    expect(reached).toBe(before.reached + 5);

    // The window that refused it ended: Next decides again, and lets it through.
    vi.setSystemTime(windowStart + 60_000 + 30_000);
    const served = await get(hostOf(acme), acmeToken);
    expect(served.status).toBe(200);
    expect(reached).toBe(before.reached + 6);
  });

  it("answers a tenant at its concurrency cap as proxy.ts does, until its requests finish", async () => {
    useMaxInFlightForProcess(8);
    const acme = await seedTenant();
    const profile = await tenantProfile(acme.id);
    const cap = tenantInFlightCap(profile.plan.id);
    const tickets = Array.from({ length: cap }, () => {
      const ticket = AdmissionTicket.take()!;
      expect(ticket.holdForTenant(acme.id, cap)).toBe(true);
      return ticket;
    });
    try {
      const early = earlyTenantApiRefusal(await resolveHost(hostOf(acme)), hostOf(acme), "/api/v1/properties");
      expect(early?.status).toBe(429);
      const before = reached;
      const answer = await get(hostOf(acme), null);
      expect(answer.status).toBe(429);
      expect(reached).toBe(before);
      expect(answer.json).toEqual(await early!.json());
      expect(answer.headers["retry-after"]).toBe("1");
      expect(answer.headers["ratelimit-limit"]).toBeUndefined();
    } finally {
      for (const ticket of tickets) ticket.release();
      useMaxInFlightForProcess(null);
    }
    const before = reached;
    expect((await get(hostOf(acme), null)).status).toBe(401);
    expect(reached).toBe(before + 1);
  });

  it("counts what it lets through for a host Next resolved, so a flood's first requests, arriving together before any reached withTenant, are held to the cap here", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const [acmeToken, globexToken] = await Promise.all([tokenOf(acme), tokenOf(globex)]);
    const headers = { host: hostOf(acme), authorization: `Bearer ${acmeToken}` };
    // A host Next has not resolved yet goes to Next, uncounted.
    expect(frontDoorDecision("GET", "/api/v1/properties", headers)).toEqual({ passFor: null, delayMs: 0 });
    expect((await get(hostOf(acme), acmeToken)).status).toBe(200);
    expect((await get(hostOf(globex), globexToken)).status).toBe(200);

    const cap = tenantInFlightCap((await tenantProfile(acme.id)).plan.id);
    for (let index = 0; index < cap; index += 1) expect(frontDoorDecision("GET", "/api/v1/properties", headers)).toMatchObject({ passFor: acme.id });
    const before = frontDoorCounters().concurrencyCapped;
    const refused = frontDoorDecision("GET", "/api/v1/properties", headers);
    if (!("answer" in refused)) throw new Error("expected the cap's refusal");
    expect(refused.answer.status).toBe(429);
    expect(refused.answer.headers["Retry-After"]).toBe("1");
    expect(JSON.parse(refused.answer.body)).toMatchObject({ error: "rate_limited", details: { policy: "tenantConcurrency", limit: cap } });
    expect(frontDoorCounters().concurrencyCapped).toBe(before + 1);
    // Another tenant is let through; one place given back admits one more.
    expect(frontDoorDecision("GET", "/api/v1/properties", { host: hostOf(globex), authorization: `Bearer ${globexToken}` })).toEqual({ passFor: globex.id, delayMs: 0 });
    releasePassed(globex.id);
    releasePassed(acme.id);
    expect(frontDoorDecision("GET", "/api/v1/properties", headers)).toMatchObject({ passFor: acme.id });
    for (let index = 0; index < cap; index += 1) releasePassed(acme.id);

    // Through the server, each request's place is given back when its response closes.
    const reachedBefore = reached;
    for (let index = 0; index < cap + 2; index += 1) expect((await get(hostOf(acme), acmeToken)).status).toBe(200);
    expect(reached).toBe(reachedBefore + cap + 2);
  });

  it("smooths a known tenant's calls: its plan's burst at once, then each one delayed to its turn (never refused), and a client gone before its turn never reaches Next", async () => {
    const acme = await seedTenant();
    const token = await tokenOf(acme);
    const headers = { host: hostOf(acme), authorization: `Bearer ${token}` };
    expect((await get(hostOf(acme), token)).status).toBe(200);
    const { burstByPlan, perSecondByPlan } = RATE_LIMIT_POLICIES.tenantApiPacing;
    const [burst, interval] = [burstByPlan.standard, 1000 / perSecondByPlan.standard];

    // Date is frozen: every call arrives at the same instant. (The call above went to Next: the host was not known yet.)
    const delays = Array.from({ length: burst + 2 }, () => {
      const decision = frontDoorDecision("GET", "/api/v1/properties", headers);
      if (!("delayMs" in decision)) throw new Error("expected it to be let through");
      releasePassed(acme.id);
      return decision.delayMs;
    });
    expect(delays.slice(0, burst)).toEqual(Array.from({ length: burst }, () => 0));
    expect(delays.slice(burst)).toEqual([interval, 2 * interval]);

    // Through the server: the next call waits its turn (3 intervals) and is then answered by the route.
    const before = { reached, counters: frontDoorCounters() };
    const sent = performance.now();
    const late = await get(hostOf(acme), token);
    expect(late.status).toBe(200);
    expect(late.at - sent).toBeGreaterThanOrEqual(3 * interval - 5);
    expect(reached).toBe(before.reached + 1);
    expect(frontDoorCounters().delayed).toBe(before.counters.delayed + 1);

    // A client that leaves while it waits: Next never sees its request, and its place of the cap is given back.
    const gone = start(hostOf(acme), token);
    gone.answer.catch(() => undefined);
    await vi.waitFor(() => expect(frontDoorCounters().delayed).toBe(before.counters.delayed + 2), { timeout: 10_000 });
    gone.request.destroy();
    await vi.waitFor(() => expect(frontDoorCounters().delayedAbandoned).toBe(before.counters.delayedAbandoned + 1), { timeout: 10_000 });
    expect(reached).toBe(before.reached + 1);

    // Its bucket refills with time.
    vi.setSystemTime(Date.now() + 60_000);
    const refilled = frontDoorDecision("GET", "/api/v1/properties", headers);
    expect(refilled).toEqual({ passFor: acme.id, delayMs: 0 });
    releasePassed(acme.id);
  });

  it("paces its refusals: held for the delay, dropped when the client goes away, answered at once past the cap", async () => {
    const acme = await seedTenant();
    const token = await tokenOf(acme);
    await exhaust(acme, token);

    useRefusalPacingForProcess({ delayMs: 300, heldMax: null });
    const sent = performance.now();
    const held = await get(hostOf(acme), token);
    expect(held.status).toBe(429);
    expect(held.at - sent).toBeGreaterThanOrEqual(300);

    useRefusalPacingForProcess({ delayMs: 30_000, heldMax: 1 });
    const before = frontDoorCounters();
    const first = start(hostOf(acme), token);
    first.answer.catch(() => undefined);
    await vi.waitFor(() => expect(frontDoorCounters().heldNow).toBe(1), { timeout: 10_000 });

    // The cap is full: the next refusal is answered at once, far sooner than the delay.
    const overCapSent = performance.now();
    const overCap = await get(hostOf(acme), token);
    expect(overCap.status).toBe(429);
    expect(overCap.at - overCapSent).toBeLessThan(10_000);
    expect(frontDoorCounters().heldOverCap).toBe(before.heldOverCap + 1);

    first.request.destroy();
    await vi.waitFor(() => expect(frontDoorCounters()).toMatchObject({ heldNow: 0, releasedOnDisconnect: before.releasedOnDisconnect + 1 }), { timeout: 10_000 });
    expect(frontDoorCounters().held).toBe(before.held + 1);
  });
});
