import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import type { AppError } from "@/lib/errors/app-error";
import { testDatabase } from "@/lib/testing/database-per-file";
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

async function refusal(promise: Promise<unknown>): Promise<AppError | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );
}

/** The mails to one address, oldest first (quoted-printable soft breaks and "=3D" undone). */
async function mailsTo(email: string): Promise<string[]> {
  await mkdir(testDatabase.outboxDir, { recursive: true });
  const files = (await readdir(testDatabase.outboxDir)).filter((name) => name.includes(`-${email}-`)).sort();
  return Promise.all(files.map(async (file) => (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

describe("customer accounts", () => {
  let acme: SeededTenant;
  const host = () => `${acme.slug}.localhost:3000`;
  const register = (body: Record<string, unknown>, ip: string, onHost = host()) =>
    callRoute(signUp, { host: onHost, path: "/api/portal/customers", method: "POST", body, ip });

  beforeAll(async () => {
    acme = await seedTenant();
  });

  const ACCEPTED = (email: string) => ({ accepted: true, email, message: `Check your email: we sent a message to ${email} with the next step.` });

  it("a new address gets 202, an invited customer without a password, and a mailed link that finishes the account", async () => {
    const response = await register({ name: "Dana Buyer", email: "Dana@Example.test", password: "ignored, chosen through the link" }, "198.51.100.1");
    expect(response).toEqual({ status: 202, json: ACCEPTED("dana@example.test") });
    const stored = await sharedDb().user.findUniqueOrThrow({ where: { tenantId_email: { tenantId: acme.id, email: "dana@example.test" } } });
    expect(stored).toMatchObject({ role: "customer", status: "invited", passwordHash: null, name: "Dana Buyer" });
    expect((await refusal(authenticateWithPassword({ tenantId: acme.id, email: "dana@example.test", password: "ignored, chosen through the link", ip: "198.51.100.1", userAgent: null })))?.code).toBe("unauthorized");

    const mails = await mailsTo("dana@example.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`Finish creating your ${acme.name} account`);
    const token = new URL(/http:\/\/\S+\/set-password\?token=[\w-]+/.exec(mails[0]!)![0]).searchParams.get("token")!;
    expect(new URL(/http:\/\/\S+\/set-password/.exec(mails[0]!)![0]).host).toBe(host());
    await setPasswordWithToken({ token, password: "dana's long password", tenantId: acme.id });
    const signedIn = await authenticateWithPassword({ tenantId: acme.id, email: "dana@example.test", password: "dana's long password", ip: "198.51.100.1", userAgent: null });
    expect(signedIn).toMatchObject({ id: stored.id, role: "customer" });
    expect(await sharedDb().auditLog.count({ where: { tenantId: acme.id, action: "customer.sign_up_requested", target: "dana@example.test" } })).toBe(1);
  });

  it("an existing address (customer or staff, any case) gets the very same answer, changes nothing, and its owner is told to sign in or reset", async () => {
    const customer = await seedUser(acme.id, "customer");
    const agent = await seedUser(acme.id, "agent");
    const fresh = await register({ name: "Someone", email: "never-seen@example.test" }, "198.51.100.2");
    for (const [user, typed] of [[customer, customer.email.toUpperCase()], [agent, agent.email]] as const) {
      const before = await sharedDb().user.findUniqueOrThrow({ where: { id: user.id } });
      const response = await register({ name: "Impostor", email: typed }, "198.51.100.3");
      expect(response).toEqual({ status: 202, json: ACCEPTED(user.email) });
      expect(Object.keys(response.json!).sort()).toEqual(Object.keys(fresh.json!).sort());
      expect(await sharedDb().user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(before);
      expect(await sharedDb().passwordToken.count({ where: { userId: user.id } })).toBe(0);
      const mails = await mailsTo(user.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain("you already have one. Nothing was changed.");
      expect(mails[0]).toContain(`http://${host()}/login`);
      expect(mails[0]).toContain(`http://${host()}/forgot-password`);
      expect(mails[0]).not.toContain("set-password");
    }
    expect(await sharedDb().user.count({ where: { tenantId: acme.id, email: customer.email } })).toBe(1);
  });

  it("asking again before finishing mails a new link; other tenants' accounts are separate", async () => {
    await register({ name: "Twice", email: "twice@example.test" }, "198.51.100.4");
    await register({ name: "Twice", email: "twice@example.test" }, "198.51.100.4");
    const mails = await mailsTo("twice@example.test");
    expect(mails).toHaveLength(2);
    expect(mails.every((mail) => mail.includes("/set-password?token="))).toBe(true);
    expect(await sharedDb().user.count({ where: { tenantId: acme.id, email: "twice@example.test" } })).toBe(1);
    const globex = await seedTenant();
    expect((await register({ name: "Twice", email: "twice@example.test" }, "198.51.100.5", `${globex.slug}.localhost:3000`)).status).toBe(202);
    expect(await sharedDb().user.count({ where: { email: "twice@example.test", status: "invited" } })).toBe(2);
  });

  it("mails one address at most 3 times in 15 minutes; the answer stays the same", async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(await register({ name: "Flood", email: "flooded@example.test" }, `198.51.100.${60 + attempt}`)).toEqual({ status: 202, json: ACCEPTED("flooded@example.test") });
    }
    expect(await mailsTo("flooded@example.test")).toHaveLength(3);
  });

  it("refuses bad input (422) and more than 5 sign-ups per IP per hour (429), creating nothing", async () => {
    const invalid = await register({ name: "", email: "nope" }, "198.51.100.6");
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json!.fieldErrors as object).sort()).toEqual(["email", "name"]);
    const nul = await register({ name: "Nul\u0000", email: "nul@example.test" }, "198.51.100.6");
    expect(nul).toMatchObject({ status: 422, json: { fieldErrors: { name: [expect.stringMatching(/NUL/)] } } });
    for (let index = 0; index < 5; index++) {
      expect((await register({ name: "Bulk", email: `bulk-${index}@example.test` }, "198.51.100.7")).status).toBe(202);
    }
    expect(await register({ name: "Bulk", email: "bulk-5@example.test" }, "198.51.100.7")).toMatchObject({ status: 429, json: { error: "rate_limited" } });
    expect(await sharedDb().user.count({ where: { tenantId: acme.id, email: { in: ["bulk-5@example.test", "nul@example.test"] } } })).toBe(0);
    expect(await mailsTo("bulk-5@example.test")).toHaveLength(0);
    expect((await register({ name: "Bulk", email: "bulk-5@example.test" }, "198.51.100.8")).status).toBe(202);
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
