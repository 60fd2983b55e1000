import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { sharedDb } from "@/lib/db/shared-client";
import { kv } from "@/lib/kv/kv";
import { lockoutKeys } from "@/lib/rate-limit/failure-lockout";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { POST } from "@/app/t/[tenantId]/api/auth/token/route";

describe("POST /api/auth/token", () => {
  let tenant: SeededTenant;
  let agent: SeededUser;
  let host: string;

  beforeAll(async () => {
    tenant = await seedTenant();
    agent = await seedUser(tenant.id, "agent");
    host = `${tenant.slug}.localhost:3000`;
  });

  const post = (body: unknown, overrides: { host?: string; ip?: string } = {}) =>
    callRoute(POST, { host: overrides.host ?? host, path: "/api/auth/token", method: "POST", body, ip: overrides.ip ?? "198.51.100.1" });

  it("issues a one-hour HS256 bearer token with sub, tenant_id, role, iat, exp, jti", async () => {
    const response = await post({ email: agent.email, password: agent.password });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ tokenType: "Bearer", expiresIn: 3600 });
    const token = response.json!.accessToken as string;
    expect(decodeProtectedHeader(token).alg).toBe("HS256");
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: agent.id, tenant_id: tenant.id, role: "agent" });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(typeof claims.jti).toBe("string");
    const audit = await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "auth.token_issued", actorUserId: agent.id } });
    expect(audit?.metadata).toMatchObject({ jti: claims.jti });
  });

  it("answers wrong password and unknown email alike: 401, same message", async () => {
    const wrong = await post({ email: agent.email, password: "nope" }, { ip: "198.51.100.2" });
    const unknown = await post({ email: "ghost@example.test", password: "nope" }, { ip: "198.51.100.2" });
    expect(wrong).toEqual({ status: 401, json: { error: "unauthorized", message: "Wrong email or password" } });
    expect(unknown).toEqual(wrong);
  });

  it("does not let one tenant's user get a token on another tenant's host", async () => {
    const other = await seedTenant();
    const response = await post({ email: agent.email, password: agent.password }, { host: `${other.slug}.localhost:3000` });
    expect(response.status).toBe(401);
  });

  it("refuses hosts without a tenant (400), bad JSON (400) and missing fields (422)", async () => {
    expect((await post({ email: agent.email, password: agent.password }, { host: "localhost:3000" })).json).toMatchObject({ error: "invalid_tenant_context" });
    expect((await post({ email: agent.email, password: agent.password }, { host: "admin.localhost:3000" })).status).toBe(400);
    const badJson = await callRoute(POST, { host, path: "/api/auth/token", method: "POST", rawBody: "{not json" });
    expect(badJson.status).toBe(400);
    const missing = await post({ email: agent.email });
    expect(missing.status).toBe(422);
    expect(missing.json?.fieldErrors).toHaveProperty("password");
  });

  it("locks the account after 5 failures, even for the right password, and answers unknown emails the same way", async () => {
    const victim = await seedUser(tenant.id, "manager");
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await post({ email: victim.email, password: "wrong" }, { ip: `198.51.100.${10 + attempt}` })).status).toBe(401);
    }
    const locked = await post({ email: victim.email, password: victim.password }, { ip: "198.51.100.20" });
    expect(locked.status).toBe(423);
    expect(locked.json?.message).toMatch(/temporarily locked/);

    for (let attempt = 0; attempt < 5; attempt++) await post({ email: "nobody-here@example.test", password: "wrong" }, { ip: `198.51.100.${30 + attempt}` });
    const ghost = await post({ email: "nobody-here@example.test", password: "whatever" }, { ip: "198.51.100.40" });
    expect(ghost.status).toBe(423);

    const client = (await kv())!;
    const keys = lockoutKeys(client, "loginAccount", `${tenant.id}:${victim.email}`);
    expect(Number(await client.redis.get(keys.failures))).toBe(5);
    expect(await client.redis.pttl(keys.lock)).toBeGreaterThan(50_000);
    const lockEvents = await sharedDb().auditLog.findMany({ where: { tenantId: tenant.id, action: "auth.account_locked", target: { in: [victim.email, "nobody-here@example.test"] } } });
    expect(lockEvents.map((event) => [event.target, event.actorUserId, (event.metadata as { failures: number }).failures]).sort()).toEqual(
      [
        [victim.email, victim.id, 5],
        ["nobody-here@example.test", null, 5],
      ].sort(),
    );
  });

  it("lengthens the lock with every further failure", async () => {
    const victim = await seedUser(tenant.id, "manager");
    for (let attempt = 0; attempt < 5; attempt++) await post({ email: victim.email, password: "wrong" }, { ip: "198.51.100.50" });
    const client = (await kv())!;
    const keys = lockoutKeys(client, "loginAccount", `${tenant.id}:${victim.email}`);
    // The first lock running out is its key expiring.
    await client.redis.del(keys.lock);
    expect((await post({ email: victim.email, password: "wrong" }, { ip: "198.51.100.51" })).status).toBe(401);
    expect(Number(await client.redis.get(keys.failures))).toBe(6);
    expect(await client.redis.pttl(keys.lock)).toBeGreaterThan(110_000);
    expect((await post({ email: victim.email, password: victim.password }, { ip: "198.51.100.52" })).status).toBe(423);
  });

  it("refuses users of a suspended tenant with 403", async () => {
    const suspended = await seedTenant();
    const user = await seedUser(suspended.id, "owner");
    await setTenantStatus(suspended.slug, "suspended");
    const response = await post({ email: user.email, password: user.password }, { host: `${suspended.slug}.localhost:3000` });
    expect(response.status).toBe(403);
    expect(response.json?.error).toBe("tenant_suspended");
  });

  it("a NUL byte in the email or password is a 422 naming the field, on the API and in the sign-in check, and counts nothing", async () => {
    const refused = await post({ email: "nul\u0000@example.test", password: "x\u0000y" }, { ip: "198.51.100.90" });
    expect(refused).toMatchObject({ status: 422, json: { error: "validation_failed", fieldErrors: { email: [expect.stringMatching(/NUL/)], password: [expect.stringMatching(/NUL/)] } } });
    const direct = await authenticateWithPassword({ tenantId: tenant.id, email: "nul\u0000@example.test", password: "whatever", ip: "198.51.100.90", userAgent: null }).catch((error: unknown) => error);
    expect(direct).toMatchObject({ code: "validation_failed", fieldErrors: { email: [expect.stringMatching(/NUL/)] } });
    const client = (await kv())!;
    expect(await client.redis.exists(lockoutKeys(client, "loginIp", "198.51.100.90").failures)).toBe(0);
  });
});
