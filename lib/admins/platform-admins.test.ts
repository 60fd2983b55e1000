import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { DELETE as removeAdmin } from "@/app/admin/api/admin/admins/[id]/route";
import { GET as listAdmins, POST as inviteAdmin } from "@/app/admin/api/admin/admins/route";
import { deactivatePlatformAdmin } from "./deactivate-platform-admin";
import { invitePlatformAdmin } from "./invite-platform-admin";
import { listPlatformAdmins } from "./list-platform-admins";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function inviteToken(email: string): Promise<string> {
  const outbox = path.resolve(process.env.MAIL_OUTBOX_DIR!);
  const file = (await readdir(outbox)).filter((name) => name.includes(email)).sort().at(-1);
  const mail = (await readFile(path.join(outbox, file!), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /\/reset-password\?token=([\w-]+)/.exec(mail)![1]!;
}

const signIn = (email: string, password: string) => authenticateWithPassword({ tenantId: null, email, password, ip: "192.0.2.9", userAgent: null });

describe("platform admins: invite, list, remove", () => {
  it("invites by mail, the link activates them; re-inviting is a conflict; removing ends sign-in and links; re-adding invites again", async () => {
    const actor = await seedUser(null, "platform_admin");
    const invited = await invitePlatformAdmin({ email: "New.Ops@Platform.test" });
    expect(invited).toEqual({ id: expect.any(String), email: "new.ops@platform.test", status: "invited" });
    expect((await listPlatformAdmins()).find((admin) => admin.id === invited.id)?.status).toBe("invited");
    expect(await failure(invitePlatformAdmin({ email: "new.ops@platform.test" }))).toMatchObject({ code: "conflict", fieldErrors: { email: ["Already invited"] } });
    expect((await failure(invitePlatformAdmin({ email: "not an email" }))).code).toBe("validation_failed");

    await setPasswordWithToken({ token: await inviteToken("new.ops@platform.test"), password: "new ops password 1", tenantId: null });
    await expect(signIn("new.ops@platform.test", "new ops password 1")).resolves.toMatchObject({ id: invited.id, role: "platform_admin" });

    expect(await deactivatePlatformAdmin(actor.id, invited.id)).toEqual({ id: invited.id, email: "new.ops@platform.test", status: "disabled" });
    await expect(signIn("new.ops@platform.test", "new ops password 1")).rejects.toThrow();
    const admins = await listPlatformAdmins();
    expect(admins.at(-1)).toMatchObject({ id: invited.id, status: "disabled" });

    // Added again: a fresh invitation, the old password gone.
    expect(await invitePlatformAdmin({ email: "new.ops@platform.test" })).toMatchObject({ id: invited.id, status: "invited" });
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: invited.id } })).passwordHash).toBeNull();
    // A removed invitee's link stops working.
    const pendingToken = await inviteToken("new.ops@platform.test");
    await deactivatePlatformAdmin(actor.id, invited.id);
    expect((await failure(setPasswordWithToken({ token: pendingToken, password: "another password 2", tenantId: null }))).code).toBe("bad_request");
  });

  it("refuses removing yourself, the last active admin, tenant users and unknown ids; nothing changes", async () => {
    const me = await seedUser(null, "platform_admin");
    expect(await failure(deactivatePlatformAdmin(me.id, me.id))).toMatchObject({ code: "conflict", message: "You cannot remove yourself: ask another platform admin" });
    expect((await failure(deactivatePlatformAdmin(me.id, "not-a-uuid"))).code).toBe("not_found");
    expect((await failure(deactivatePlatformAdmin(me.id, randomUUID()))).code).toBe("not_found");
    const owner = await seedUser((await seedTenant()).id, "owner");
    expect((await failure(deactivatePlatformAdmin(me.id, owner.id))).code).toBe("not_found");
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: owner.id } })).status).toBe("active");

    // The last active admin (an actor removed a moment ago, or a race): every other admin is disabled.
    await sharedDb().user.updateMany({ where: { tenantId: null, role: "platform_admin", id: { not: me.id } }, data: { status: "disabled" } });
    expect(await failure(deactivatePlatformAdmin(randomUUID(), me.id))).toMatchObject({ code: "conflict", message: "The platform needs at least one active admin: add another first" });
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: me.id } })).status).toBe("active");
  });

  it("the API audits each change as the acting admin; a tenant owner's token is refused (403) and changes nothing", async () => {
    const ADMIN_HOST = "admin.localhost:3000";
    const actor = await seedUser(null, "platform_admin");
    const issued = await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: actor.email, password: actor.password } });
    const token = issued.json!.accessToken as string;
    const tenant = await seedTenant();
    const owner = await seedUser(tenant.id, "owner");
    const ownerToken = (await callRoute(issueTenantToken, { host: `${tenant.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
    expect(await callRoute(inviteAdmin, { host: ADMIN_HOST, path: "/api/admin/admins", method: "POST", body: { email: "owner-made@platform.test" }, token: ownerToken })).toMatchObject({ status: 403, json: { error: "forbidden" } });
    expect((await callRoute(listAdmins, { host: ADMIN_HOST, path: "/api/admin/admins", token: ownerToken })).status).toBe(403);
    expect(await sharedDb().user.count({ where: { email: "owner-made@platform.test" } })).toBe(0);

    const invited = await callRoute(inviteAdmin, { host: ADMIN_HOST, path: "/api/admin/admins", method: "POST", body: { email: "audited@platform.test" }, token });
    expect(invited).toMatchObject({ status: 201, json: { admin: { email: "audited@platform.test", status: "invited" } } });
    const id = (invited.json!.admin as { id: string }).id;
    expect((await callRoute(listAdmins, { host: ADMIN_HOST, path: "/api/admin/admins", token })).json!.admins).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: "invited" })]));
    expect((await callRoute(removeAdmin, { host: ADMIN_HOST, path: `/api/admin/admins/${id}`, method: "DELETE", params: { id }, token })).status).toBe(200);
    const audit = await sharedDb().auditLog.findMany({ where: { tenantId: null, actorUserId: actor.id, action: { startsWith: "admin.admin_" } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.action, row.target])).toEqual([
      ["admin.admin_invited", "/api/admin/admins"],
      ["admin.admin_removed", `/api/admin/admins/${id}`],
    ]);
    expect((await callRoute(removeAdmin, { host: ADMIN_HOST, path: `/api/admin/admins/${actor.id}`, method: "DELETE", params: { id: actor.id }, token })).status).toBe(409);
  });
});
