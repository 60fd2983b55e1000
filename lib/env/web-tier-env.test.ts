import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env/env";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";

/** The probe in a process of its own, with `environment` instead of this test's (which has the owner URL). */
function probe(environment: Record<string, string | undefined>, args: string[]): Promise<Record<string, { ok?: unknown; error?: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("lib/testing/web-tier-probe.ts"), ...args], {
      env: environment as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(stdout) as Record<string, { ok?: unknown; error?: string }>);
      } catch {
        reject(new Error(`probe printed no JSON:\n${stdout}\n${stderr}`));
      }
    });
  });
}

function webTierEnvironment(): Record<string, string | undefined> {
  const { DATABASE_URL: _owner, APP_DB_PASSWORD: _app, PLATFORM_DB_PASSWORD: _platform, ...rest } = process.env;
  return { ...rest, APP_DATABASE_URL: env().APP_DATABASE_URL, PLATFORM_DATABASE_URL: env().PLATFORM_DATABASE_URL };
}

describe("the web tier runs without the owner's credentials", () => {
  it("resolves hosts and signs in with APP_DATABASE_URL + PLATFORM_DATABASE_URL only; the owner pool says what is missing", async () => {
    const tenant = await seedTenant();
    const agent = await seedUser(tenant.id, "agent");
    const report = await probe(webTierEnvironment(), [`${tenant.slug}.localhost:3000`, agent.email, agent.password]);
    expect(report.config).toEqual({ ok: true });
    expect(report.resolved).toEqual({ ok: tenant.id });
    expect(report.signedIn).toEqual({ ok: agent.id });
    expect(report.unscopedUsers).toEqual({ ok: 0 });
    expect(report.owner?.error).toMatch(/DATABASE_URL: the owner role is needed here/);
  });

  it("without DATABASE_URL, both least-privilege URLs are required", async () => {
    const { PLATFORM_DATABASE_URL: _platform, ...withoutPlatform } = webTierEnvironment();
    const report = await probe(withoutPlatform, ["localhost:3000", "x@example.test", "x"]);
    expect(report.config?.error).toMatch(/PLATFORM_DATABASE_URL: required without DATABASE_URL/);
  });
});
