import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { POST as signUp } from "@/app/t/[tenantId]/api/portal/customers/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";
import { GET as listLeads } from "@/app/t/[tenantId]/api/v1/leads/route";
import { GET as listMembers } from "@/app/t/[tenantId]/api/v1/members/route";
import { GET as listAudit } from "@/app/t/[tenantId]/api/v1/audit/route";

describe("customer accounts", () => {
  let acme: SeededTenant;
  const host = () => `${acme.slug}.localhost:3000`;
  const register = (body: Record<string, unknown>, ip: string, onHost = host()) =>
    callRoute(signUp, { host: onHost, path: "/api/portal/customers", method: "POST", body, ip });

  beforeAll(async () => {
    acme = await seedTenant();
  });

  it("a visitor signs up as an active customer and signs in through the credentials check", async () => {
    const response = await register({ name: "Dana Buyer", email: "Dana@Example.test", password: "dana's long password" }, "198.51.100.1");
    expect(response).toMatchObject({ status: 201, json: { email: "dana@example.test", name: "Dana Buyer", role: "customer" } });
    const stored = await sharedDb().user.findUniqueOrThrow({ where: { id: response.json!.id as string } });
    expect(stored).toMatchObject({ tenantId: acme.id, role: "customer", status: "active" });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await authenticateWithPassword({ tenantId: acme.id, email: "dana@example.test", password: "dana's long password", ip: "198.51.100.1", userAgent: null });
    expect(signedIn).toMatchObject({ id: stored.id, role: "customer" });
    expect(await sharedDb().auditLog.count({ where: { tenantId: acme.id, action: "customer.signed_up", actorUserId: stored.id } })).toBe(1);
  });

  it("one account per tenant and email (409, case-insensitive, staff included); other tenants are separate", async () => {
    await register({ name: "First", email: "twice@example.test", password: "a long enough password" }, "198.51.100.2");
    const duplicate = await register({ name: "Second", email: "TWICE@example.test", password: "another long password" }, "198.51.100.3");
    expect(duplicate).toMatchObject({ status: 409, json: { error: "conflict", fieldErrors: { email: ["An account with this email already exists"] } } });
    expect(duplicate.json!.message).toMatch(/already exists here\. Sign in, or reset your password/);
    const agent = await seedUser(acme.id, "agent");
    expect((await register({ name: "Agent", email: agent.email, password: "a long enough password" }, "198.51.100.4")).status).toBe(409);
    expect(await sharedDb().user.count({ where: { tenantId: acme.id, email: "twice@example.test" } })).toBe(1);
    const globex = await seedTenant();
    expect((await register({ name: "First", email: "twice@example.test", password: "a long enough password" }, "198.51.100.5", `${globex.slug}.localhost:3000`)).status).toBe(201);
  });

  it("refuses bad input (422) and more than 5 sign-ups per IP per hour (429)", async () => {
    const invalid = await register({ name: "", email: "nope", password: "short" }, "198.51.100.6");
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json!.fieldErrors as object).sort()).toEqual(["email", "name", "password"]);
    for (let index = 0; index < 5; index++) {
      expect((await register({ name: "Bulk", email: `bulk-${index}@example.test`, password: "a long enough password" }, "198.51.100.7")).status).toBe(201);
    }
    expect(await register({ name: "Bulk", email: "bulk-5@example.test", password: "a long enough password" }, "198.51.100.7")).toMatchObject({ status: 429, json: { error: "rate_limited" } });
    expect(await sharedDb().user.count({ where: { tenantId: acme.id, email: "bulk-5@example.test" } })).toBe(0);
    expect((await register({ name: "Bulk", email: "bulk-5@example.test", password: "a long enough password" }, "198.51.100.8")).status).toBe(201);
  });

  it("customers never pass staff permission checks: token or session → 403 on staff APIs", async () => {
    const customer = await seedUser(acme.id, "customer");
    const token = (await issueApiToken({ id: customer.id, tenantId: acme.id, email: customer.email, name: null, role: "customer", sessionVersion: 0 })).accessToken;
    const cookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: customer.id, tid: acme.id, role: "customer", sv: 0, email: customer.email })}`;
    for (const [route, path] of [
      [listProperties, "/api/v1/properties"],
      [listLeads, "/api/v1/leads"],
      [listMembers, "/api/v1/members"],
      [listAudit, "/api/v1/audit"],
    ] as const) {
      expect(await callRoute(route, { host: host(), path, token })).toMatchObject({ status: 403, json: { error: "forbidden" } });
      expect((await callRoute(route, { host: host(), path, cookie })).status).toBe(403);
    }
  });
});
