import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { appDatabaseRole } from "@/lib/env/env";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { recordApiCall } from "@/lib/usage/usage-meter";
import * as apexHealth from "@/app/apex/api/health/route";
import type { TenantHealthReport } from "./check-tenant-health";
import { readTenantHealth } from "./read-tenant-health";

// Real PostgreSQL, s3rver and Redis: break one tenant's database role, watch it go critical and alert, then recover.

async function mailsTo(email: string): Promise<string[]> {
  const outbox = path.resolve(process.env.MAIL_OUTBOX_DIR!);
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((file) => file.includes(email)).sort();
  return Promise.all(files.map((file) => readFile(path.join(outbox, file), "utf8")));
}

const check = async (...args: string[]) => {
  const run = await runInProcess(["health", "check", ...args, "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  return parsed<TenantHealthReport[]>(run);
};

describe("GET /api/health (apex)", () => {
  it("answers 200 with database, Redis and S3 up and names no tenant", async () => {
    const tenant = await seedTenant();
    const response = await apexHealth.GET();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe("ok");
    expect(Object.fromEntries(Object.entries(body.checks).map(([name, value]) => [name, value.status]))).toEqual({ database: "up", redis: "up", storage: "up" });
    const text = JSON.stringify(body);
    expect(text).not.toContain(tenant.id);
    expect(text).not.toContain(tenant.slug);
  });

  it("answers 503 naming S3 when the S3 endpoint is wrong", async () => {
    const original = process.env.S3_ENDPOINT;
    process.env.S3_ENDPOINT = "http://127.0.0.1:9"; // discard port: nothing listens
    vi.resetModules();
    try {
      const route = await import("@/app/apex/api/health/route");
      const response = await route.GET();
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
      expect(body.status).toBe("down");
      expect(body.checks.storage!.status).toBe("down");
      expect(body.checks.database!.status).toBe("up");
    } finally {
      process.env.S3_ENDPOINT = original;
      vi.resetModules();
    }
  });
});

describe("anchor health check", () => {
  it("grades each tenant, goes critical when its DB role loses the schema, alerts once, then recovers with a notice", async () => {
    const admin = await seedUser(null, "platform_admin");
    const broken = await seedTenant();
    const bystander = await seedTenant();

    const first = await check();
    const bySlug = (reports: TenantHealthReport[], slug: string) => reports.find((report) => report.slug === slug)!;
    expect(bySlug(first, broken.slug).status).toBe("healthy");
    expect(bySlug(first, broken.slug).alert).toBeNull();
    expect(bySlug(first, bystander.slug).checks.storage.status).toBe("healthy");
    expect(await mailsTo(admin.email)).toHaveLength(0);

    const schema = quoteIdent(tenantSchemaName(broken.id));
    const role = quoteIdent(appDatabaseRole());
    await ownerPool().query(`REVOKE USAGE ON SCHEMA ${schema} FROM ${role}`);
    try {
      const down = await check();
      const report = bySlug(down, broken.slug);
      expect(report.status).toBe("critical");
      expect(report.checks.database.status).toBe("critical");
      expect(report.reasons[0]).toMatch(/^database: 42501/);
      expect(report.alert).toMatchObject({ from: "healthy", to: "critical" });
      expect(bySlug(down, bystander.slug).status).toBe("healthy");
      const mails = await mailsTo(admin.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain(`CRITICAL: ${broken.slug} is critical`);

      // De-duplicated: still critical, no second mail.
      const again = await check("--tenant", broken.slug);
      expect(again).toHaveLength(1);
      expect(again[0]!.status).toBe("critical");
      expect(again[0]!.alert).toBeNull();
      expect(await mailsTo(admin.email)).toHaveLength(1);

      const stored = await readTenantHealth({ status: "critical" });
      expect(stored.map((row) => row.slug)).toEqual([broken.slug]);
      expect(stored[0]!.reasons[0]).toMatch(/^database:/);
    } finally {
      await ownerPool().query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    }

    const recovered = await check("--tenant", broken.slug);
    expect(recovered[0]!.status).toBe("healthy");
    expect(recovered[0]!.alert).toMatchObject({ from: "critical", to: "healthy" });
    const mails = await mailsTo(admin.email);
    expect(mails).toHaveLength(2);
    expect(mails.some((mail) => mail.includes(`Recovered: ${broken.slug} is healthy again`))).toBe(true);
  });

  it("grades the 24 h error rate and average response time with the seed's thresholds, per tenant", async () => {
    const erring = await seedTenant();
    const slow = await seedTenant();
    const fine = await seedTenant();
    // 100 calls, 3 errors → 3 %: warning. 100 calls at 1,200 ms: critical response time.
    for (let call = 0; call < 100; call += 1) {
      recordApiCall({ tenantId: erring.id, endpoint: "GET /api/v1/properties", status: call < 3 ? 500 : 200, durationMs: 20 });
      recordApiCall({ tenantId: slow.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 1_200 });
      recordApiCall({ tenantId: fine.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 50 });
    }
    const reports = await check();
    const of = (slug: string) => reports.find((report) => report.slug === slug)!;
    expect(of(erring.slug).checks.error_rate).toMatchObject({ status: "warning", details: { error_rate: 0.03, calls: 100, errors: 3 } });
    expect(of(erring.slug).status).toBe("warning");
    expect(of(slow.slug).checks.response_time).toMatchObject({ status: "critical", details: { avg_response_time_ms: 1200 } });
    expect(of(slow.slug).status).toBe("critical");
    expect(of(fine.slug).status).toBe("healthy");
    // A tenant's metering is its own: the fine tenant saw none of the others' errors or latency.
    expect(of(fine.slug).checks.error_rate.details).toMatchObject({ calls: 100, errors: 0 });
  });

  it("flags a noisy neighbour whose response time runs above 2× its own baseline", async () => {
    const tenant = await seedTenant();
    for (let call = 0; call < 10; call += 1) recordApiCall({ tenantId: tenant.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 40 });
    expect((await check("--tenant", tenant.slug))[0]!.noisyNeighbour).toBe(false);
    // The latency list holds the last samples: 990 slow ones move the average to ≈ 100 ms (> 2 × 40).
    for (let call = 0; call < 990; call += 1) recordApiCall({ tenantId: tenant.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 100 });
    const report = (await check("--tenant", tenant.slug))[0]!;
    expect(report.noisyNeighbour).toBe(true);
    expect(report.status).toBe("warning");
    expect(report.reasons.join()).toContain("above 2× its baseline 40 ms");
  });

  it("refuses an unknown tenant with a clear error and stores nothing", async () => {
    const run = await runInProcess(["health", "check", "--tenant", "no-such-tenant", "--json"]);
    expect(run.exitCode).toBe(1);
    expect(parsed<ErrorJson>(run).error.code).toBe("not_found");
  });
});
