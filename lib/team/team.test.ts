import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setLimitOverride } from "@/lib/tenant-profile/set-limit-override";
import { acceptInvite } from "./accept-invite";
import { changeMemberRole } from "./change-member-role";
import { deactivateMember } from "./deactivate-member";
import { inviteMember } from "./invite-member";
import { reactivateMember } from "./reactivate-member";
import { readSeatUsage } from "./team-guards";
import * as members from "@/app/t/[tenantId]/api/v1/members/route";
import * as member from "@/app/t/[tenantId]/api/v1/members/[id]/route";
import * as deactivate from "@/app/t/[tenantId]/api/v1/members/[id]/deactivate/route";
import * as reactivate from "@/app/t/[tenantId]/api/v1/members/[id]/reactivate/route";
import * as resendInvite from "@/app/t/[tenantId]/api/v1/members/[id]/resend-invite/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";

/** A team of five seats: an enterprise contract whose members limit is overridden (plans have 50 and more). */
async function smallTeamTenant(): Promise<SeededTenant> {
  const tenant = await seedTenant({ plan: "enterprise" });
  await setLimitOverride(tenant.slug, "members", 5);
  return tenant;
}

async function tokenFor(user: SeededUser): Promise<string> {
  const row = await sharedDb().user.findUniqueOrThrow({ where: { id: user.id } });
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: row.role as SeededUser["role"], sessionVersion: row.sessionVersion })).accessToken;
}

/** The invitation link in an outbox file (quoted-printable soft breaks and "=3D" undone). */
async function readInviteLink(file: string): Promise<string> {
  const mail = (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

async function inviteLink(email: string): Promise<string> {
  return readInviteLink((await readdir(testDatabase.outboxDir)).find((name) => name.includes(email))!);
}

async function mailFilesTo(email: string): Promise<string[]> {
  await mkdir(testDatabase.outboxDir, { recursive: true });
  return (await readdir(testDatabase.outboxDir)).filter((name) => name.includes(email)).sort();
}

/** The link of the newest invitation mail to this address (outbox files are named by their send time). */
async function latestInviteLink(email: string): Promise<string> {
  return readInviteLink((await mailFilesTo(email)).at(-1)!);
}

/** Runs fn while the mail outbox is a file instead of a directory, so every send fails for real. */
async function withMailFailing<T>(fn: () => Promise<T>): Promise<T> {
  const outbox = testDatabase.outboxDir;
  await mkdir(outbox, { recursive: true });
  await rename(outbox, `${outbox}.aside`);
  await writeFile(outbox, "not a directory");
  try {
    return await fn();
  } finally {
    await rm(outbox);
    await rename(`${outbox}.aside`, outbox);
  }
}

const hostOf = (team: SeededTenant) => `${team.slug}.localhost:3000`;
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/** A tenant with an owner and an admin, as each describe below starts from. */
async function seedTeam(): Promise<{ tenant: SeededTenant; host: string; owner: SeededUser; admin: SeededUser }> {
  const tenant = await seedTenant();
  return { tenant, host: hostOf(tenant), owner: await seedUser(tenant.id, "owner"), admin: await seedUser(tenant.id, "admin") };
}

/** The member routes, called as `by` on a team's host (by default the describe's tenant, read when called). */
function memberRoutes(currentTeam: () => SeededTenant) {
  const on = (team: SeededTenant, path: string) => ({ host: hostOf(team), path });
  return {
    invite: async (by: SeededUser, body: Record<string, unknown>, team = currentTeam()) => callRoute(members.POST, { ...on(team, "/api/v1/members"), method: "POST", token: await tokenFor(by), body }),
    setRole: async (by: SeededUser, id: string, role: string, team = currentTeam()) =>
      callRoute(member.PATCH, { ...on(team, `/api/v1/members/${id}`), method: "PATCH", token: await tokenFor(by), params: { id }, body: { role } }),
    disable: async (by: SeededUser, id: string, team = currentTeam()) => callRoute(deactivate.POST, { ...on(team, `/api/v1/members/${id}/deactivate`), method: "POST", token: await tokenFor(by), params: { id } }),
    resend: async (by: SeededUser, id: string, team = currentTeam()) => callRoute(resendInvite.POST, { ...on(team, `/api/v1/members/${id}/resend-invite`), method: "POST", token: await tokenFor(by), params: { id } }),
    revive: async (by: SeededUser, id: string, team = currentTeam()) => callRoute(reactivate.POST, { ...on(team, `/api/v1/members/${id}/reactivate`), method: "POST", token: await tokenFor(by), params: { id } }),
  };
}

describe("team", () => {
  let tenant: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let host: string;

  beforeAll(async () => {
    ({ tenant, host, owner, admin } = await seedTeam());
  });

  const { invite, setRole, disable } = memberRoutes(() => tenant);

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

describe("team: accepting invitations, fresh roles, races and isolation", () => {
  let tenant: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let host: string;

  beforeAll(async () => {
    ({ tenant, host, owner, admin } = await seedTeam());
  });

  const { invite } = memberRoutes(() => tenant);
  const signIn = (email: string, password: string) => authenticateWithPassword({ tenantId: tenant.id, email, password, ip: "192.0.2.9", userAgent: null });

  it("acceptInvite activates the invitee with their password; expired invitations and other links are refused", async () => {
    expect((await invite(owner, { email: "joiner@example.test", role: "manager" })).status).toBe(201);
    const link = await inviteLink("joiner@example.test");
    await expect(signIn("joiner@example.test", "joiner password 1")).rejects.toThrow("Wrong email or password");
    await expect(acceptInvite({ token: tokenOf(link), password: "joiner password 1", tenantId: (await seedTenant()).id })).rejects.toMatchObject({ code: "bad_request" });
    await expect(acceptInvite({ token: tokenOf(link), password: "joiner password 1", tenantId: tenant.id })).resolves.toMatchObject({ email: "joiner@example.test" });
    await expect(signIn("joiner@example.test", "joiner password 1")).resolves.toMatchObject({ role: "manager" });
    expect(await sharedDb().user.findFirstOrThrow({ where: { tenantId: tenant.id, email: "joiner@example.test" } })).toMatchObject({ status: "active" });
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "team.invite_accepted", target: "joiner@example.test" } })).toBe(1);
    await expect(acceptInvite({ token: tokenOf(link), password: "joiner password 2", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });

    await invite(owner, { email: "slow@example.test", role: "viewer" });
    const slowToken = tokenOf(await inviteLink("slow@example.test"));
    await ownerPool().query("UPDATE public.password_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'invite' AND user_id = (SELECT id FROM public.users WHERE tenant_id = $1 AND email = 'slow@example.test')", [tenant.id]);
    await expect(acceptInvite({ token: slowToken, password: "slow password 12", tenantId: tenant.id })).rejects.toThrow(/expired/);
    await expect(signIn("slow@example.test", "slow password 12")).rejects.toThrow("Wrong email or password");

    await requestPasswordReset({ tenantId: tenant.id, email: admin.email, baseUrl: `http://${host}`, ip: "192.0.2.9" });
    const resetToken = /token=([\w-]+)/.exec(await readFile(path.join(testDatabase.outboxDir, (await readdir(testDatabase.outboxDir)).find((name) => name.includes(admin.email))!), "utf8"))![1]!;
    await expect(acceptInvite({ token: resetToken, password: "hijacked password", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });
    await expect(acceptInvite({ token: "no-such-token", password: "whatever password", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("deactivating an invitee deletes their unused link, and the audit row names who did it", async () => {
    await invite(admin, { email: "never@example.test", role: "agent" });
    const link = await inviteLink("never@example.test");
    const invitee = await sharedDb().user.findFirstOrThrow({ where: { tenantId: tenant.id, email: "never@example.test" } });
    await deactivateMember({ tenant: tenant.ref }, { userId: admin.id }, invitee.id);
    expect(await sharedDb().passwordToken.count({ where: { userId: invitee.id } })).toBe(0);
    await expect(acceptInvite({ token: tokenOf(link), password: "never password 1", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });
    expect(await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "team.deactivated", target: "never@example.test" } })).toMatchObject({ actorUserId: admin.id });
    expect(await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "team.invited", target: "never@example.test" } })).toMatchObject({ actorUserId: admin.id, metadata: { role: "agent", userId: invitee.id } });
  });

  it("decides by the actor's role as it is now, not as their session remembers it", async () => {
    const formerOwner = await seedUser(tenant.id, "owner");
    const otherOwner = await seedUser(tenant.id, "owner");
    await changeMemberRole({ tenant: tenant.ref }, { userId: owner.id }, formerOwner.id, { role: "admin" });
    await expect(deactivateMember({ tenant: tenant.ref }, { userId: formerOwner.id }, otherOwner.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole({ tenant: tenant.ref }, { userId: formerOwner.id }, otherOwner.id, { role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteMember({ tenant: tenant.ref }, { userId: formerOwner.id }, { email: "boss2@example.test", role: "owner" }, `http://${host}`)).rejects.toMatchObject({ code: "forbidden" });
    const disabled = await seedUser(tenant.id, "admin");
    await deactivateMember({ tenant: tenant.ref }, { userId: owner.id }, disabled.id);
    await expect(inviteMember({ tenant: tenant.ref }, { userId: disabled.id }, { email: "late-admin@example.test", role: "agent" }, `http://${host}`)).rejects.toMatchObject({ code: "forbidden" });
    expect(await sharedDb().user.findFirstOrThrow({ where: { id: otherOwner.id } })).toMatchObject({ role: "owner", status: "active" });
  });

  it("two owners demoting or deactivating each other at once leave one active owner", async () => {
    const team = await seedTenant();
    const first = await seedUser(team.id, "owner");
    const second = await seedUser(team.id, "owner");
    const outcomes = await Promise.allSettled([
      changeMemberRole({ tenant: team.ref }, { userId: first.id }, second.id, { role: "admin" }),
      changeMemberRole({ tenant: team.ref }, { userId: second.id }, first.id, { role: "admin" }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await sharedDb().user.count({ where: { tenantId: team.id, role: "owner", status: "active" } })).toBe(1);

    const third = await seedUser(team.id, "owner");
    const [remaining] = await sharedDb().user.findMany({ where: { tenantId: team.id, role: "owner", status: "active", id: { not: third.id } } });
    const deactivations = await Promise.allSettled([
      deactivateMember({ tenant: team.ref }, { userId: remaining!.id }, third.id),
      deactivateMember({ tenant: team.ref }, { userId: third.id }, remaining!.id),
    ]);
    expect(deactivations.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await sharedDb().user.count({ where: { tenantId: team.id, role: "owner", status: "active" } })).toBe(1);
  });

  it("setting the role a member already has changes nothing", async () => {
    const agent = await seedUser(tenant.id, "agent");
    const token = await tokenFor(agent);
    expect((await callRoute(member.PATCH, { host, path: "/x", method: "PATCH", token: await tokenFor(admin), params: { id: agent.id }, body: { role: "agent" } })).json).toMatchObject({ role: "agent" });
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token })).status).toBe(200);
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "team.role_changed", target: agent.email } })).toBe(0);
  });

  it("customers are not members: not listed, not invitable, their ids 404", async () => {
    const customer = await seedUser(tenant.id, "customer");
    const adminToken = await tokenFor(admin);
    const list = await callRoute(members.GET, { host, path: "/api/v1/members", token: adminToken });
    expect((list.json!.data as Array<{ email: string }>).map((entry) => entry.email)).not.toContain(customer.email);
    expect((await invite(admin, { email: customer.email, role: "agent" })).status).toBe(409);
    expect((await callRoute(member.PATCH, { host, path: "/x", method: "PATCH", token: adminToken, params: { id: customer.id }, body: { role: "agent" } })).status).toBe(404);
    expect((await callRoute(deactivate.POST, { host, path: "/x", method: "POST", token: adminToken, params: { id: customer.id } })).status).toBe(404);
    expect((await callRoute(deactivate.POST, { host, path: "/x", method: "POST", token: adminToken, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect(await sharedDb().user.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ role: "customer", status: "active" });
  });

  it("every member route: another tenant's token or host → 403, and nothing changes", async () => {
    const other = await seedTenant();
    const otherOwner = await seedUser(other.id, "owner");
    const otherToken = await tokenFor(otherOwner);
    const target = await seedUser(tenant.id, "agent");
    const calls: Array<{ route: Parameters<typeof callRoute>[0]; method: string; params: Record<string, string>; body: unknown }> = [
      { route: members.GET, method: "GET", params: {}, body: undefined },
      { route: members.POST, method: "POST", params: {}, body: { email: "intruder@example.test", role: "owner" } },
      { route: member.PATCH, method: "PATCH", params: { id: target.id }, body: { role: "viewer" } },
      { route: deactivate.POST, method: "POST", params: { id: target.id }, body: undefined },
      { route: reactivate.POST, method: "POST", params: { id: target.id }, body: undefined },
      { route: resendInvite.POST, method: "POST", params: { id: target.id }, body: undefined },
    ];
    for (const call of calls) {
      expect((await callRoute(call.route, { host, path: "/api/v1/members", method: call.method, token: otherToken, params: call.params, body: call.body })).status).toBe(403);
      expect((await callRoute(call.route, { host: hostOf(other), path: "/api/v1/members", method: call.method, token: await tokenFor(owner), params: call.params, body: call.body })).status).toBe(403);
    }
    expect(await sharedDb().user.findFirstOrThrow({ where: { id: target.id } })).toMatchObject({ role: "agent", status: "active" });
    expect(await sharedDb().user.count({ where: { email: "intruder@example.test" } })).toBe(0);
  });
});

describe("team: re-sending invitations, reactivating members, the plan's seats", () => {
  let tenant: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let host: string;

  beforeAll(async () => {
    ({ tenant, host, owner, admin } = await seedTeam());
  });

  const { invite, resend, revive, disable } = memberRoutes(() => tenant);
  const userByEmail = (team: SeededTenant, email: string) => sharedDb().user.findFirstOrThrow({ where: { tenantId: team.id, email } });

  it("re-sending issues a new link with a fresh week: the old link is refused, the new one accepted; audited", async () => {
    expect((await invite(owner, { email: "lost@example.test", role: "agent" })).status).toBe(201);
    const oldLink = await latestInviteLink("lost@example.test");
    const invitee = await userByEmail(tenant, "lost@example.test");
    await ownerPool().query("UPDATE public.password_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [invitee.id]);

    const response = await resend(admin, invitee.id);
    expect(response).toMatchObject({ status: 200, json: { id: invitee.id, email: "lost@example.test" } });
    expect(new Date(response.json!.expiresAt as string).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
    expect(await mailFilesTo("lost@example.test")).toHaveLength(2);
    const newLink = await latestInviteLink("lost@example.test");
    expect(tokenOf(newLink)).not.toBe(tokenOf(oldLink));
    expect(new URL(newLink).origin).toBe(`http://${host}`);
    expect(await sharedDb().passwordToken.count({ where: { userId: invitee.id, usedAt: null } })).toBe(1);

    await expect(acceptInvite({ token: tokenOf(oldLink), password: "lost password 123", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });
    await expect(acceptInvite({ token: tokenOf(newLink), password: "lost password 123", tenantId: tenant.id })).resolves.toMatchObject({ email: "lost@example.test" });
    expect(await userByEmail(tenant, "lost@example.test")).toMatchObject({ status: "active" });
    expect(await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "team.invite_resent", target: "lost@example.test" } })).toMatchObject({
      actorUserId: admin.id,
      metadata: { userId: invitee.id, role: "agent", replacedLinks: 1 },
    });
    expect(await resend(admin, invitee.id)).toMatchObject({ status: 409, json: { error: "conflict" } });
  });

  it("a failed invitation mail says so (503), leaves the invitation pending, and it can be re-sent", async () => {
    const failedInvite = await withMailFailing(() => invite(admin, { email: "unlucky@example.test", role: "viewer" }));
    expect(failedInvite).toMatchObject({ status: 503, json: { error: "unavailable" } });
    expect(failedInvite.json!.message).toMatch(/invitation for unlucky@example.test is saved, but its email could not be sent/);
    const invitee = await userByEmail(tenant, "unlucky@example.test");
    expect(invitee.status).toBe("invited");

    const failedResend = await withMailFailing(() => resend(admin, invitee.id));
    expect(failedResend).toMatchObject({ status: 503, json: { error: "unavailable" } });
    expect(await userByEmail(tenant, "unlucky@example.test")).toMatchObject({ status: "invited" });
    expect(await mailFilesTo("unlucky@example.test")).toHaveLength(0);

    expect((await resend(admin, invitee.id)).status).toBe(200);
    const link = await latestInviteLink("unlucky@example.test");
    await expect(acceptInvite({ token: tokenOf(link), password: "lucky password 12", tenantId: tenant.id })).resolves.toMatchObject({ email: "unlucky@example.test" });
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "team.invite_resent", target: "unlucky@example.test" } })).toBe(2);
  });

  it("re-sending: only pending invitations, owners' only by owners, not other tenants', not by viewers", async () => {
    const other = await seedTenant();
    const otherOwner = await seedUser(other.id, "owner");
    expect((await invite(otherOwner, { email: "theirs@example.test", role: "agent" }, other)).status).toBe(201);
    const theirs = await userByEmail(other, "theirs@example.test");
    const theirLink = await latestInviteLink("theirs@example.test");
    expect((await resend(admin, theirs.id)).status).toBe(404);
    expect((await resend(owner, theirs.id, other)).status).toBe(403);
    await expect(acceptInvite({ token: tokenOf(theirLink), password: "still valid pass", tenantId: other.id })).resolves.toMatchObject({ email: "theirs@example.test" });

    expect((await invite(owner, { email: "co-owner@example.test", role: "owner" })).status).toBe(201);
    const coOwner = await userByEmail(tenant, "co-owner@example.test");
    expect((await resend(admin, coOwner.id)).status).toBe(403);
    expect((await resend(owner, coOwner.id)).status).toBe(200);
    expect((await resend(await seedUser(tenant.id, "viewer"), coOwner.id)).status).toBe(403);

    expect((await resend(admin, "not-a-uuid")).status).toBe(404);
    expect((await resend(admin, admin.id)).status).toBe(409);
    const gone = await seedUser(tenant.id, "agent");
    await disable(admin, gone.id);
    expect(await resend(admin, gone.id)).toMatchObject({ status: 409, json: { message: expect.stringMatching(/reactivate them first/) } });
    expect(await mailFilesTo(gone.email)).toHaveLength(0);
  });

  it("reactivating: the member signs in again with their password, old tokens stay dead; audited", async () => {
    const agent = await seedUser(tenant.id, "agent");
    const oldToken = await tokenFor(agent);
    await disable(admin, agent.id);
    await expect(authenticateWithPassword({ tenantId: tenant.id, email: agent.email, password: agent.password, ip: "192.0.2.3", userAgent: null })).rejects.toThrow();

    expect(await revive(admin, agent.id)).toMatchObject({ status: 200, json: { id: agent.id, status: "active" } });
    await expect(authenticateWithPassword({ tenantId: tenant.id, email: agent.email, password: agent.password, ip: "192.0.2.3", userAgent: null })).resolves.toMatchObject({ role: "agent" });
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token: oldToken })).status).toBe(401);
    expect((await callRoute(listProperties, { host, path: "/api/v1/properties", token: await tokenFor(agent) })).status).toBe(200);
    expect(await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "team.reactivated", target: agent.email } })).toMatchObject({ actorUserId: admin.id, metadata: { userId: agent.id, status: "active" } });

    expect(await revive(admin, agent.id)).toMatchObject({ status: 200, json: { status: "active" } });
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "team.reactivated", target: agent.email } })).toBe(1);
  });

  it("reactivating someone who never accepted makes them invited again, ready for a new link", async () => {
    await invite(admin, { email: "comeback@example.test", role: "manager" });
    const firstLink = await latestInviteLink("comeback@example.test");
    const invitee = await userByEmail(tenant, "comeback@example.test");
    await disable(admin, invitee.id);
    expect(await revive(admin, invitee.id)).toMatchObject({ status: 200, json: { status: "invited" } });
    await expect(acceptInvite({ token: tokenOf(firstLink), password: "comeback pass 12", tenantId: tenant.id })).rejects.toMatchObject({ code: "bad_request" });
    expect((await resend(admin, invitee.id)).status).toBe(200);
    await expect(acceptInvite({ token: tokenOf(await latestInviteLink("comeback@example.test")), password: "comeback pass 12", tenantId: tenant.id })).resolves.toMatchObject({ email: "comeback@example.test" });
  });

  it("reactivating another tenant's member is 404 and changes nothing; owners are reactivated by owners only", async () => {
    const other = await seedTenant();
    const otherOwner = await seedUser(other.id, "owner");
    const stranger = await seedUser(other.id, "agent");
    await deactivateMember({ tenant: other.ref }, { userId: otherOwner.id }, stranger.id);
    expect((await revive(admin, stranger.id)).status).toBe(404);
    expect((await revive(owner, stranger.id, other)).status).toBe(403);
    await expect(reactivateMember({ tenant: tenant.ref }, { userId: owner.id }, stranger.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await sharedDb().user.findFirstOrThrow({ where: { id: stranger.id } })).toMatchObject({ status: "disabled" });
    expect(await sharedDb().auditLog.count({ where: { action: "team.reactivated", target: stranger.email } })).toBe(0);

    const formerOwner = await seedUser(tenant.id, "owner");
    await disable(owner, formerOwner.id);
    expect((await revive(admin, formerOwner.id)).status).toBe(403);
    expect(await revive(owner, formerOwner.id)).toMatchObject({ status: 200, json: { status: "active" } });
    expect((await revive(admin, "not-a-uuid")).status).toBe(404);
    expect((await revive(await seedUser(tenant.id, "manager"), formerOwner.id)).status).toBe(403);
  });

  it("the plan's seats: inviting, re-sending and reactivating beyond maxMembers are refused (409) and change nothing", async () => {
    const small = await smallTeamTenant();
    const boss = await seedUser(small.id, "owner");
    const seats = () => readSeatUsage(ownerPool(), small.id);
    // The provisioned owner (invited, no password yet) and boss.
    expect(await seats()).toEqual({ used: 2, max: 5, plan: "Enterprise" });
    const leaver = await seedUser(small.id, "agent");
    await seedUser(small.id, "agent");
    expect((await invite(boss, { email: "fifth@example.test", role: "agent" }, small)).status).toBe(201);
    expect((await callRoute(members.GET, { host: hostOf(small), path: "/api/v1/members", token: await tokenFor(boss) })).json).toMatchObject({ seats: { used: 5, max: 5, plan: "Enterprise" } });

    const refused = await invite(boss, { email: "sixth@example.test", role: "agent" }, small);
    expect(refused).toMatchObject({ status: 409, json: { error: "conflict" } });
    expect(refused.json!.message).toMatch(/Enterprise plan includes 5 members/);
    expect(await sharedDb().user.count({ where: { tenantId: small.id, email: "sixth@example.test" } })).toBe(0);
    expect(await sharedDb().auditLog.count({ where: { tenantId: small.id, target: "sixth@example.test" } })).toBe(0);
    expect(await mailFilesTo("sixth@example.test")).toHaveLength(0);

    expect((await disable(boss, leaver.id, small)).status).toBe(200);
    expect((await invite(boss, { email: "sixth@example.test", role: "agent" }, small)).status).toBe(201);
    expect(await revive(boss, leaver.id, small)).toMatchObject({ status: 409, json: { error: "conflict" } });
    expect(await sharedDb().user.findFirstOrThrow({ where: { id: leaver.id } })).toMatchObject({ status: "disabled" });
    expect(await sharedDb().auditLog.count({ where: { tenantId: small.id, action: "team.reactivated" } })).toBe(0);

    // A member added behind the team's back (say, before a downgrade) leaves the team over its plan.
    await seedUser(small.id, "viewer");
    const pending = await userByEmail(small, "fifth@example.test");
    const pendingLink = await latestInviteLink("fifth@example.test");
    expect((await resend(boss, pending.id, small)).status).toBe(409);
    expect(await mailFilesTo("fifth@example.test")).toHaveLength(1);
    expect(await sharedDb().auditLog.count({ where: { tenantId: small.id, action: "team.invite_resent" } })).toBe(0);
    expect(await seats()).toEqual({ used: 6, max: 5, plan: "Enterprise" });
    await expect(acceptInvite({ token: tokenOf(pendingLink), password: "fifth password 1", tenantId: small.id })).resolves.toMatchObject({ email: "fifth@example.test" });
  });

  it("two invitations racing for the last seat: one wins, one is refused", async () => {
    const small = await smallTeamTenant();
    const boss = await seedUser(small.id, "owner");
    await seedUser(small.id, "agent");
    await seedUser(small.id, "agent");
    expect(await readSeatUsage(ownerPool(), small.id)).toMatchObject({ used: 4, max: 5 });
    const outcomes = await Promise.all([
      invite(boss, { email: "race-a@example.test", role: "agent" }, small),
      invite(boss, { email: "race-b@example.test", role: "agent" }, small),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([201, 409]);
    expect(await readSeatUsage(ownerPool(), small.id)).toMatchObject({ used: 5, max: 5 });
  });

  it("bad input is refused with a 4xx before anything happens", async () => {
    expect((await invite(admin, { email: "not an email", role: "agent" })).status).toBe(422);
    expect((await invite(admin, { role: "agent" })).status).toBe(422);
    expect((await callRoute(members.POST, { host, path: "/api/v1/members", method: "POST", token: await tokenFor(admin), rawBody: "{not json" })).status).toBeGreaterThanOrEqual(400);
    expect((await resend(admin, "../../etc")).status).toBe(404);
    expect((await revive(admin, "00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });
});
