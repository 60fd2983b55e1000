import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer, PLATFORM_ADMIN } from "./fixture";
import { sendJsonWithHost } from "./host-request";
import { signIn } from "./support/sign-in";

// The console's Admins page: invite a platform admin by mail, who chooses a password and signs in;
// remove them (their session ends); nobody removes themselves; tenant owners never reach the API.

const { port, mailOutboxDir } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const adminHost = `admin.localhost:${port}`;
const newAdmin = { email: `ops-${randomBytes(3).toString("hex")}@assetanchor.test`, password: "a brand new admin password" };

const send = sendJsonWithHost;

async function inviteLink(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const files = (await readdir(mailOutboxDir).catch(() => [] as string[])).filter((file) => file.includes(`-${email}-`));
      const mails = await Promise.all(files.map(async (file) => (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
      link = mails.map((mail) => /http:\/\/admin\.localhost:\d+\/reset-password\?token=[\w-]+/.exec(mail)?.[0]).find(Boolean) ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}

async function signInToConsole(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await signIn(page, admin, credentials);
  await expect(page).toHaveURL(`${admin}/`, { timeout: 30_000 });
}

/** The row whose email is exactly this one (forgetful-ops@… also contains ops@…). */
const row = (page: Page, email: string) => page.getByTestId("admin-row").filter({ hasText: new RegExp(`^${email.replace(/[.+]/g, "\\$&")}`) });

test("a platform admin adds an admin by mail, who signs in; removing them ends their session; removing yourself is refused", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signInToConsole(page, PLATFORM_ADMIN);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Admins" }).click();
  await expect(page).toHaveURL(`${admin}/admins`);
  await expect(row(page, PLATFORM_ADMIN.email)).toContainText("you");

  await page.getByRole("button", { name: "Add admin…" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a platform admin" });
  await dialog.getByLabel("Email").fill(PLATFORM_ADMIN.email);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Already active");
  await dialog.getByLabel("Email").fill(newAdmin.email);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Invitation sent" })).toHaveText(`Invitation sent to ${newAdmin.email}.`);
  await expect(row(page, newAdmin.email).getByTestId("admin-status")).toHaveText("invited");

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(await inviteLink(newAdmin.email));
  await invitee.getByLabel("New password (at least 12 characters)").fill(newAdmin.password);
  await invitee.getByLabel("Repeat the password").fill(newAdmin.password);
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("status")).toContainText("Your password is set");
  await signInToConsole(invitee, newAdmin);
  await invitee.goto(`${admin}/admins`);
  await expect(row(invitee, newAdmin.email)).toContainText("you");

  await page.reload();
  await expect(row(page, newAdmin.email).getByTestId("admin-status")).toHaveText("active");
  await row(page, newAdmin.email).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: `Remove ${newAdmin.email}?` }).getByRole("button", { name: "Remove admin" }).click();
  await expect(row(page, newAdmin.email).getByTestId("admin-status")).toHaveText("removed");
  await expect(row(page, newAdmin.email).getByRole("button", { name: "Remove" })).toHaveCount(0);

  // Their session ended: the console sends them to sign in, and their password no longer works.
  await invitee.goto(`${admin}/admins`);
  await expect(invitee).toHaveURL(/\/login/);
  await signIn(invitee, admin, newAdmin);
  await expect(invitee.getByRole("alert")).toBeVisible();
  await expect(invitee).toHaveURL(/\/login/);
  await invitee.context().close();

  await row(page, PLATFORM_ADMIN.email).getByRole("button", { name: "Remove" }).click();
  const self = page.getByRole("dialog", { name: `Remove ${PLATFORM_ADMIN.email}?` });
  await self.getByRole("button", { name: "Remove admin" }).click();
  await expect(self.getByRole("alert")).toHaveText("You cannot remove yourself: ask another platform admin");
  await self.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(row(page, PLATFORM_ADMIN.email).getByTestId("admin-status")).toHaveText("active");
});

test("the admins API: a tenant owner's token is refused (401/403), an admin's token lists, refuses removing itself with 409", async () => {
  const owner = await send(`${ACME.slug}.localhost:${port}`, "POST", "/api/auth/token", ACME_OWNER);
  expect(owner.status).toBe(200);
  const ownerBearer = { authorization: `Bearer ${owner.json!.accessToken as string}` };
  expect((await send(adminHost, "GET", "/api/admin/admins")).status).toBe(401);
  expect((await send(adminHost, "GET", "/api/admin/admins", undefined, ownerBearer)).status).toBe(403);
  expect((await send(adminHost, "POST", "/api/admin/admins", { email: "owner-made@acme.test" }, ownerBearer)).status).toBe(403);

  const issued = await send(adminHost, "POST", "/api/auth/token", PLATFORM_ADMIN);
  expect(issued.status).toBe(200);
  const bearer = { authorization: `Bearer ${issued.json!.accessToken as string}` };
  const list = await send(adminHost, "GET", "/api/admin/admins", undefined, bearer);
  expect(list.status).toBe(200);
  const admins = list.json!.admins as Array<{ id: string; email: string; status: string }>;
  expect(admins.map((entry) => entry.email)).not.toContain("owner-made@acme.test");
  const me = admins.find((entry) => entry.email === PLATFORM_ADMIN.email)!;
  expect(await send(adminHost, "DELETE", `/api/admin/admins/${me.id}`, undefined, bearer)).toEqual({
    status: 409,
    json: { error: "conflict", message: "You cannot remove yourself: ask another platform admin" },
  });
  expect((await send(adminHost, "POST", "/api/admin/admins", { email: "not an email" }, bearer)).status).toBe(422);
  expect((await send(adminHost, "DELETE", "/api/admin/admins/not-a-uuid", undefined, bearer)).status).toBe(404);
});
