import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { authenticateWithPassword } from "./authenticate";
import { requestPasswordReset } from "./request-password-reset";
import { setPasswordWithToken } from "./set-password";

function tokenOf(url: string): string {
  return new URL(url).searchParams.get("token")!;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const signIn = (tenantId: string | null, email: string, password: string) =>
  authenticateWithPassword({ tenantId, email, password, ip: "192.0.2.1", userAgent: "vitest" });

describe("set-password and reset-password links", () => {
  it("the welcome link sets the owner's password once, activates them, and then is spent", async () => {
    const tenant = await seedTenant();
    const token = tokenOf(tenant.setPasswordUrl);
    await setPasswordWithToken({ token, password: "a brand new password", tenantId: tenant.id });
    await expect(signIn(tenant.id, tenant.adminEmail, "a brand new password")).resolves.toMatchObject({ role: "owner" });

    const reused = await failure(setPasswordWithToken({ token, password: "another new password", tenantId: tenant.id }));
    expect(reused.message).toMatch(/already used or expired/);
    await expect(signIn(tenant.id, tenant.adminEmail, "another new password")).rejects.toThrow("Wrong email or password");
  });

  it("an expired link is refused and changes nothing", async () => {
    const tenant = await seedTenant();
    await ownerPool().query("UPDATE public.password_tokens SET expires_at = now() - interval '1 second'");
    expect((await failure(setPasswordWithToken({ token: tokenOf(tenant.setPasswordUrl), password: "a brand new password", tenantId: tenant.id }))).code).toBe("bad_request");
    const owner = await sharedDb().user.findUniqueOrThrow({ where: { id: tenant.adminUserId } });
    expect(owner).toMatchObject({ status: "invited", passwordHash: null });
  });

  it("a link of one tenant cannot be spent on another tenant's host", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    expect((await failure(setPasswordWithToken({ token: tokenOf(tenant.setPasswordUrl), password: "a brand new password", tenantId: other.id }))).code).toBe("bad_request");
    await expect(setPasswordWithToken({ token: tokenOf(tenant.setPasswordUrl), password: "a brand new password", tenantId: tenant.id })).resolves.toMatchObject({ email: tenant.adminEmail });
  });

  it("a weak password is refused with a field error and the link stays usable", async () => {
    const tenant = await seedTenant();
    const weak = await failure(setPasswordWithToken({ token: tokenOf(tenant.setPasswordUrl), password: "short", tenantId: tenant.id }));
    expect(weak.fieldErrors).toHaveProperty("_");
    await expect(setPasswordWithToken({ token: tokenOf(tenant.setPasswordUrl), password: "long enough password", tenantId: tenant.id })).resolves.toBeTruthy();
  });

  it("a reset mails a single-use link, says nothing for unknown emails, and lifts a lock", async () => {
    const tenant = await seedTenant();
    const user = await seedUser(tenant.id, "agent");
    for (let attempt = 0; attempt < 5; attempt++) await signIn(tenant.id, user.email, "wrong").catch(() => undefined);
    await expect(signIn(tenant.id, user.email, user.password)).rejects.toThrow(/locked/);

    await requestPasswordReset({ tenantId: tenant.id, email: "nobody@example.test", baseUrl: `http://${tenant.slug}.localhost:3000`, ip: "192.0.2.1" });
    await requestPasswordReset({ tenantId: tenant.id, email: user.email.toUpperCase(), baseUrl: `http://${tenant.slug}.localhost:3000`, ip: "192.0.2.1" });
    const files = (await readdir(testDatabase.outboxDir)).filter((file) => file.includes(user.email));
    expect(files).toHaveLength(1);
    const mail = (await readFile(path.join(testDatabase.outboxDir, files[0]!), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const link = /http:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail)?.[0];
    expect(link).toBeDefined();

    await setPasswordWithToken({ token: tokenOf(link!), password: "reset password 2026", tenantId: tenant.id });
    await expect(signIn(tenant.id, user.email, "reset password 2026")).resolves.toMatchObject({ id: user.id });
    expect((await failure(setPasswordWithToken({ token: tokenOf(link!), password: "reset password 2027", tenantId: tenant.id }))).code).toBe("bad_request");
    const events = await sharedDb().auditLog.findMany({ where: { actorUserId: user.id, action: { startsWith: "auth.password" } }, select: { action: true } });
    expect(events.map((event) => event.action).sort()).toEqual(["auth.password_reset", "auth.password_reset_requested"]);
  });
});

describe("platform admin sign-in", () => {
  it("signs in with no tenant, and never as a tenant user with the same email", async () => {
    const admin = await seedUser(null, "platform_admin", { email: "ops@platform.test" });
    await expect(signIn(null, "ops@platform.test", admin.password)).resolves.toMatchObject({ role: "platform_admin", tenantId: null });
    const tenant = await seedTenant();
    await expect(signIn(tenant.id, "ops@platform.test", admin.password)).rejects.toThrow("Wrong email or password");
  });
});
