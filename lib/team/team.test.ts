import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import * as members from "@/app/t/[tenantId]/api/v1/members/route";
import * as member from "@/app/t/[tenantId]/api/v1/members/[id]/route";
import * as deactivate from "@/app/t/[tenantId]/api/v1/members/[id]/deactivate/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";

async function tokenFor(user: SeededUser): Promise<string> {
  const row = await sharedDb().user.findUniqueOrThrow({ where: { id: user.id } });
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: row.role as SeededUser["role"], sessionVersion: row.sessionVersion })).accessToken;
}

async function inviteLink(email: string): Promise<string> {
  const file = (await readdir(testDatabase.outboxDir)).find((name) => name.includes(email))!;
  const mail = (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

describe("team", () => {
  let tenant: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let host: string;

  beforeAll(async () => {
    tenant = await seedTenant();
    host = `${tenant.slug}.localhost:3000`;
    owner = await seedUser(tenant.id, "owner");
    admin = await seedUser(tenant.id, "admin");
  });

  const invite = async (by: SeededUser, body: Record<string, unknown>) => callRoute(members.POST, { host, path: "/api/v1/members", method: "POST", token: await tokenFor(by), body });
  const setRole = async (by: SeededUser, id: string, role: string) => callRoute(member.PATCH, { host, path: `/api/v1/members/${id}`, method: "PATCH", token: await tokenFor(by), params: { id }, body: { role } });
  const disable = async (by: SeededUser, id: string) => callRoute(deactivate.POST, { host, path: `/api/v1/members/${id}/deactivate`, method: "POST", token: await tokenFor(by), params: { id } });

  it("invites by mail; the link sets a password once and activates the member", async () => {
    const response = await invite(admin, { email: "New.Agent@Example.test", role: "agent" });
    expect(response).toMatchObject({ status: 201, json: { email: "new.agent@example.test", role: "agent" } });
    const link = await inviteLink("new.agent@example.test");
    expect(new URL(link).origin).toBe(`http://${host}`);
    await setPasswordWithToken({ token: new URL(link).searchParams.get("token")!, password: "agent password 123", tenantId: tenant.id });
    await expect(authenticateWithPassword({ tenantId: tenant.id, email: "new.agent@example.test", password: "agent password 123", ip: "192.0.2.1", userAgent: null })).resolves.toMatchObject({ role: "agent" });
    await expect(setPasswordWithToken({ token: new URL(link).searchParams.get("token")!, password: "another password 1", tenantId: tenant.id })).rejects.toThrow(/already used or expired/);
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: { in: ["team.invited", "team.invite_accepted"] } } })).toBe(2);
  });

  it("invites expire after a week", async () => {
    await invite(admin, { email: "late@example.test", role: "viewer" });
    const token = new URL(await inviteLink("late@example.test")).searchParams.get("token")!;
    const stored = await sharedDb().passwordToken.findFirstOrThrow({ where: { purpose: "invite", user: { email: "late@example.test" } } });
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
    await ownerPool().query("UPDATE public.password_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [stored.id]);
    await expect(setPasswordWithToken({ token, password: "too late password", tenantId: tenant.id })).rejects.toThrow(/expired/);
  });

  it("refuses duplicates, bad input, owner invitations by non-owners and viewers", async () => {
    expect((await invite(admin, { email: owner.email, role: "agent" })).status).toBe(409);
    expect((await invite(admin, { email: "x", role: "emperor" })).status).toBe(422);
    expect((await invite(admin, { email: "boss@example.test", role: "owner" })).status).toBe(403);
    expect((await invite(await seedUser(tenant.id, "viewer"), { email: "v@example.test", role: "agent" })).status).toBe(403);
  });

  it("role changes are audited, refresh sessions, and the last owner cannot be demoted or deactivated", async () => {
    const agent = await seedUser(tenant.id, "agent");
    const agentToken = await tokenFor(agent);
    expect((await setRole(admin, agent.id, "manager")).json).toMatchObject({ role: "manager" });
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token: agentToken })).status).toBe(401);
    const audit = await sharedDb().auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "team.role_changed", target: agent.email } });
    expect(audit.metadata).toMatchObject({ from: "agent", to: "manager" });

    expect((await setRole(admin, owner.id, "admin")).status).toBe(403);
    expect(await setRole(owner, owner.id, "admin")).toMatchObject({ status: 409, json: { error: "conflict" } });
    expect((await disable(admin, owner.id)).status).toBe(403);
    expect((await disable(owner, owner.id)).status).toBe(409);

    const second = await seedUser(tenant.id, "owner");
    expect((await setRole(second, owner.id, "admin")).json).toMatchObject({ role: "admin" });
    expect(await setRole(second, second.id, "admin")).toMatchObject({ status: 409 });
  });

  it("a deactivated member's token stops working at once", async () => {
    const agent = await seedUser(tenant.id, "agent");
    const token = await tokenFor(agent);
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token })).status).toBe(200);
    expect((await disable(admin, agent.id)).json).toMatchObject({ status: "disabled" });
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token })).status).toBe(401);
  });

  it("another tenant's members are 404, and its tokens 403", async () => {
    const other = await seedTenant();
    const stranger = await seedUser(other.id, "agent");
    expect((await setRole(admin, stranger.id, "viewer")).status).toBe(404);
    expect((await disable(admin, stranger.id)).status).toBe(404);
    expect((await callRoute(members.GET, { host, path: "/api/v1/members", token: await tokenFor(await seedUser(other.id, "owner")) })).status).toBe(403);
    const list = await callRoute(members.GET, { host, path: "/api/v1/members", token: await tokenFor(admin) });
    expect((list.json!.data as Array<{ email: string }>).map((entry) => entry.email)).not.toContain(stranger.email);
  });
});
