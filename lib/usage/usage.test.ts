import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { runInProcess, parsed, type ErrorJson } from "@/lib/cli/cli-test-support";
import { kv } from "@/lib/kv/kv";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import * as property from "@/app/t/[tenantId]/api/v1/properties/[id]/route";
import * as usage from "@/app/t/[tenantId]/api/v1/usage/route";
import { readUsageReport, type UsageExportRow, type UsageReport } from "./read-usage";
import { DAILY_RETENTION_SECONDS, routePattern, usageKeys, utcDay } from "./usage-keys";
import { FLUSH_AT_ENTRIES, flushUsage, recordApiCall, usageMeterCounters } from "./usage-meter";

// Metering on this machine's real Redis (namespaced per file), read through the API and the CLI.

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}
const readUsage = (tenant: SeededTenant, token: string, path = "/api/v1/usage") => callRoute(usage.GET, { host: hostOf(tenant), path, token });

describe("usage metering", () => {
  it("route patterns name params, not values", () => {
    expect(routePattern("get", "/api/v1/properties/0b6c", { tenantId: "x", id: "0b6c" })).toBe("GET /api/v1/properties/[id]");
    expect(routePattern("POST", "/api/v1/members/m1/deactivate", { id: "m1" })).toBe("POST /api/v1/members/[id]/deactivate");
    expect(routePattern("GET", "/api/v1/properties", {})).toBe("GET /api/v1/properties");
  });

  it("counts a scripted sequence of calls exactly: per endpoint, per day, errors, latency samples; daily keys kept 400 days", async () => {
    const acme = await seedTenant();
    const ownerToken = await tokenFor(await seedUser(acme.id, "owner"));
    const agentToken = await tokenFor(await seedUser(acme.id, "agent"));
    const viewerToken = await tokenFor(await seedUser(acme.id, "viewer"));
    const house = await seedProperty(acme.ref);
    const host = hostOf(acme);

    for (let call = 0; call < 3; call += 1) expect((await callRoute(properties.GET, { host, path: "/api/v1/properties", token: agentToken })).status).toBe(200);
    expect((await callRoute(property.GET, { host, path: `/api/v1/properties/${house.id}`, token: agentToken, params: { id: house.id } })).status).toBe(200);
    const missing = randomUUID();
    expect((await callRoute(property.GET, { host, path: `/api/v1/properties/${missing}`, token: agentToken, params: { id: missing } })).status).toBe(404);
    expect((await callRoute(properties.POST, { host, path: "/api/v1/properties", method: "POST", token: viewerToken, body: {} })).status).toBe(403);
    // Not the tenant's: unauthenticated calls are neither limited nor metered.
    expect((await callRoute(properties.GET, { host, path: "/api/v1/properties" })).status).toBe(401);

    const response = await readUsage(acme, ownerToken, "/api/v1/usage?days=7");
    expect(response.status).toBe(200);
    const report = response.json as unknown as UsageReport;
    expect(report.plan).toEqual({ id: "standard", name: "Standard" });
    expect(report.limits).toContainEqual({ limit: "properties", max: 10_000, usage: 1 });
    // The limiter's window (peeked, exact counts in lib/rate-limit/tenant-api-rate-limit.test.ts): the 7 calls
    // just made, fewer only if a minute boundary fell among them.
    expect(report.limits).toContainEqual({ limit: "apiRequestsPerMinute", max: 100, usage: report.apiRateLimit?.used });
    expect(report.apiRateLimit?.used).toBeGreaterThan(0);
    expect(report.apiRateLimit?.used).toBeLessThanOrEqual(7);
    expect(report.days).toHaveLength(7);
    expect(report.days.at(-1)).toEqual({ day: utcDay(Date.now()), calls: 6, errors: 2 });
    expect(report.days.slice(0, 6).every((day) => day.calls === 0 && day.errors === 0)).toBe(true);
    expect(report.endpoints.map(({ endpoint, calls, samples }) => ({ endpoint, calls, samples }))).toEqual([
      { endpoint: "GET /api/v1/properties", calls: 3, samples: 3 },
      { endpoint: "GET /api/v1/properties/[id]", calls: 2, samples: 2 },
      { endpoint: "POST /api/v1/properties", calls: 1, samples: 1 },
    ]);
    for (const row of report.endpoints) {
      expect(row.p50Ms).toBeGreaterThan(0);
      expect(row.p95Ms).toBeGreaterThanOrEqual(row.p50Ms!);
    }

    await flushUsage();
    const client = (await kv())!;
    const dailyTtl = await client.redis.ttl(client.key(...usageKeys.daily(acme.id, utcDay(Date.now()))));
    expect(dailyTtl).toBeGreaterThan(DAILY_RETENTION_SECONDS - 60);
    expect(await client.redis.hget(client.key(...usageKeys.daily(acme.id, utcDay(Date.now()))), "GET /api/v1/usage")).toBe(1);
  });

  it("p50/p95 per endpoint and over all endpoints together, nearest rank", async () => {
    const tenant = await seedTenant();
    for (const durationMs of [30, 10, 20]) recordApiCall({ tenantId: tenant.id, endpoint: "GET /api/v1/leads", status: 200, durationMs });
    recordApiCall({ tenantId: tenant.id, endpoint: "GET /api/v1/members", status: 500, durationMs: 40 });
    const report = await readUsageReport(tenant.id, 1);
    expect(report.endpoints).toEqual([
      { endpoint: "GET /api/v1/leads", calls: 3, samples: 3, p50Ms: 20, p95Ms: 30 },
      { endpoint: "GET /api/v1/members", calls: 1, samples: 1, p50Ms: 40, p95Ms: 40 },
    ]);
    expect(report.overall).toEqual({ samples: 4, p50Ms: 20, p95Ms: 40 });
    expect(report.days).toEqual([{ day: utcDay(Date.now()), calls: 4, errors: 1 }]);
    expect((await readUsageReport((await seedTenant()).id, 1)).overall).toEqual({ samples: 0, p50Ms: null, p95Ms: null });
  });

  it("keeps only the last 1,000 response times per endpoint", async () => {
    const tenantId = randomUUID();
    for (let call = 0; call < 1_005; call += 1) recordApiCall({ tenantId, endpoint: "GET /api/v1/leads", status: 200, durationMs: call });
    await flushUsage();
    const client = (await kv())!;
    const key = client.key(...usageKeys.latency(tenantId, "GET /api/v1/leads"));
    expect(await client.redis.llen(key)).toBe(1_000);
    expect(await client.redis.lindex(key, 0)).toBe(1_004);
    expect(await client.redis.hget(client.key(...usageKeys.calls(tenantId)), "GET /api/v1/leads")).toBe(1_005);
  });

  it("batches across requests: one flush for many calls, started without waiting for the timer once FLUSH_AT_ENTRIES aggregates are buffered", async () => {
    await flushUsage();
    const before = usageMeterCounters();
    expect(before.buffered).toBe(0);
    const tenantIds = Array.from({ length: FLUSH_AT_ENTRIES }, () => randomUUID());
    // Many calls of one tenant and endpoint are one aggregate: no flush yet.
    for (let call = 0; call < 50; call += 1) recordApiCall({ tenantId: tenantIds[0]!, endpoint: "GET /api/v1/leads", status: 200, durationMs: 5 });
    for (const tenantId of tenantIds.slice(1, -1)) recordApiCall({ tenantId, endpoint: "GET /api/v1/leads", status: 200, durationMs: 5 });
    expect(usageMeterCounters().buffered).toBe(FLUSH_AT_ENTRIES - 1);
    recordApiCall({ tenantId: tenantIds.at(-1)!, endpoint: "GET /api/v1/leads", status: 200, durationMs: 5 });
    // The batch left the buffer at once (its pipeline is in flight); flushUsage() waits for it.
    expect(usageMeterCounters().buffered).toBe(0);
    await flushUsage();
    const after = usageMeterCounters();
    expect(after.flushed - before.flushed).toBe(50 + FLUSH_AT_ENTRIES - 1);
    expect(after.dropped).toBe(before.dropped);
    const client = (await kv())!;
    expect(await client.redis.hget(client.key(...usageKeys.calls(tenantIds[0]!)), "GET /api/v1/leads")).toBe(50);
    expect(await client.redis.hget(client.key(...usageKeys.calls(tenantIds.at(-1)!)), "GET /api/v1/leads")).toBe(1);
  });

  it("owners only: another tenant's owner, and the tenant's own admin, cannot read it", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const acmeAdmin = await tokenFor(await seedUser(acme.id, "admin"));
    const globexOwner = await tokenFor(await seedUser(globex.id, "owner"));
    expect(await readUsage(acme, globexOwner)).toMatchObject({ status: 403, json: { error: "forbidden" } });
    expect(await readUsage(acme, acmeAdmin)).toMatchObject({ status: 403, json: { error: "forbidden" } });
    const own = await readUsage(globex, globexOwner);
    expect(own.status).toBe(200);
    expect((own.json as unknown as UsageReport).tenantId).toBe(globex.id);
    expect(await readUsage(globex, globexOwner, "/api/v1/usage?days=0")).toMatchObject({ status: 422, json: { error: "validation_failed" } });
  });

  it("CLI: usage show --json and usage export csv|json; bad --days, --month or --format → exit 1", async () => {
    const tenant = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "agent"));
    for (let call = 0; call < 2; call += 1) await callRoute(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token });
    const dropped = usageMeterCounters().dropped;

    const show = await runInProcess(["usage", "show", tenant.slug, "--days", "3", "--json"]);
    expect(show.exitCode).toBe(0);
    const report = parsed<UsageReport & { slug: string }>(show);
    expect(report.slug).toBe(tenant.slug);
    expect(report.days).toHaveLength(3);
    expect(report.days.at(-1)?.calls).toBe(2);

    const month = utcDay(Date.now()).slice(0, 7);
    const json = await runInProcess(["usage", "export", "--month", month, "--format", "json"]);
    expect(json.exitCode).toBe(0);
    const rows = JSON.parse(json.stdout) as UsageExportRow[];
    expect(rows.filter((row) => row.slug === tenant.slug)).toEqual([
      { month, tenantId: tenant.id, slug: tenant.slug, plan: "standard", endpoint: "GET /api/v1/properties", calls: 2, errors: 0 },
    ]);
    const csv = await runInProcess(["usage", "export", "--month", month]);
    expect(csv.exitCode).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe("month,tenantId,slug,plan,endpoint,calls,errors");
    expect(csv.stdout).toContain(`${month},${tenant.id},${tenant.slug},standard,GET /api/v1/properties,2,0\n`);

    for (const args of [
      ["usage", "show", tenant.slug, "--days", "0", "--json"],
      ["usage", "show", tenant.slug, "--days", "abc", "--json"],
      ["usage", "show", tenant.slug, "--days", "401", "--json"],
      ["usage", "export", "--month", "2026-13", "--json"],
      ["usage", "export", "--month", "11-2026", "--json"],
      ["usage", "export", "--month", month, "--format", "xml", "--json"],
    ]) {
      const run = await runInProcess(args);
      expect(run.exitCode, args.join(" ")).toBe(1);
      expect(parsed<ErrorJson>(run).error.code).toBe("validation_failed");
    }
    expect((await runInProcess(["usage", "show", "no-such-tenant", "--json"])).exitCode).toBe(1);
    expect(usageMeterCounters().dropped).toBe(dropped);
  });
});
