import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACME, ACME_FORGETFUL, e2eServer, PLATFORM_ADMIN_FORGETFUL } from "./fixture";
import { signIn } from "./support/sign-in";

const { port, mailOutboxDir } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;
const admin = `http://admin.localhost:${port}`;
const RESET_LINK_SENT = "If an account exists for that address, we sent it a link to choose a new password.";

/** The outbox holds raw .eml files: quoted-printable bodies, so soft line breaks and "=3D" are undone first. */
async function mailsTo(recipient: string): Promise<string[]> {
  const files = await readdir(mailOutboxDir).catch(() => []);
  const mine = files.filter((file) => file.includes(`-${recipient}-`)).sort();
  return Promise.all(mine.map(async (file) => (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

/** The mail is sent after the form has answered, so it is waited for. */
async function resetLinkMailedTo(recipient: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const mails = await mailsTo(recipient);
      link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mails.at(-1) ?? "")?.[0] ?? "";
      return link;
    })
    .toMatch(/reset-password\?token=/);
  return link;
}

async function askForResetLink(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(`${origin}/forgot-password`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toHaveText(RESET_LINK_SENT);
}

async function chooseNewPassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel("New password (at least 12 characters)").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");
}

test("forgot password on acme: the same answer for any address, a mailed link, a new password that signs in, the old one not", async ({ page }) => {
  await askForResetLink(page, acme, "nobody-here@acme.test");
  await askForResetLink(page, acme, ACME_FORGETFUL.email);
  const link = await resetLinkMailedTo(ACME_FORGETFUL.email);
  expect(await mailsTo("nobody-here@acme.test")).toEqual([]);
  expect(new URL(link).origin).toBe(acme);

  await page.goto(link);
  await page.getByLabel("New password (at least 12 characters)").fill("short");
  await page.getByLabel("Repeat the password").fill("something else");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.locator("#password-error")).toHaveText("Password must be at least 12 characters");
  await expect(page.locator("#confirm-error")).toHaveText("Does not match the password");
  await expect(page.getByLabel("New password (at least 12 characters)")).toHaveAttribute("aria-invalid", "true");

  await chooseNewPassword(page, link, "a brand new acme password");
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await expect(page).toHaveURL(`${acme}/login`);

  await signIn(page, acme, ACME_FORGETFUL);
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password");
  await signIn(page, acme, { email: ACME_FORGETFUL.email, password: "a brand new acme password" });
  await expect(page).toHaveURL(`${acme}/dashboard`);
  await expect(page.getByTestId("signed-in-email")).toHaveText(ACME_FORGETFUL.email);
});

test("a platform admin resets their password on the admin host", async ({ page }) => {
  await askForResetLink(page, admin, PLATFORM_ADMIN_FORGETFUL.email);
  const link = await resetLinkMailedTo(PLATFORM_ADMIN_FORGETFUL.email);
  expect(new URL(link).origin).toBe(admin);

  await chooseNewPassword(page, link, "a brand new admin password");
  await signIn(page, admin, { email: PLATFORM_ADMIN_FORGETFUL.email, password: "a brand new admin password" });
  await expect(page).toHaveURL(`${admin}/`);
  await expect(page.getByRole("heading", { name: "Admin console" })).toBeVisible();
});

test("a reset link opened without its token says so instead of showing a form", async ({ page }) => {
  await page.goto(`${acme}/reset-password`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This link is incomplete");
  await expect(page.getByLabel("New password (at least 12 characters)")).toHaveCount(0);
});
