import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ACME_CUSTOMER, ACME, e2eServer, GLOBEX } from "./fixture";
import type { Credentials } from "./support/sign-in";

const { port, mailOutboxDir } = e2eServer();
const globex = `http://${GLOBEX.slug}.localhost:${port}`;
const acme = `http://${ACME.slug}.localhost:${port}`;
const CHECK_EMAIL = (email: string) => `Check your email: we sent a message to ${email} with the next step.`;

/** The outbox holds raw .eml files: quoted-printable bodies, so soft line breaks and "=3D" are undone first. */
async function mailsTo(recipient: string): Promise<string[]> {
  const files = await readdir(mailOutboxDir).catch(() => []);
  const mine = files.filter((file) => file.includes(`-${recipient}-`)).sort();
  return Promise.all(mine.map(async (file) => (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

/** Signs a customer in from the portal's sign-in link and waits for "My enquiries". */
async function signInAsCustomer(page: Page, origin: string, user: Credentials): Promise<void> {
  await page.goto(`${origin}/login?next=%2Fmy-enquiries`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/my-enquiries`);
}

async function linkMailedTo(recipient: string, pattern: RegExp): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      link = pattern.exec((await mailsTo(recipient)).at(-1) ?? "")?.[0] ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}

test("a customer signs up on the portal, enquires, sees it under 'My enquiries', and cannot open staff pages", async ({ page }) => {
  await page.goto(`${globex}/`);
  await page.getByRole("link", { name: "Create an account" }).click();
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Your name").fill("Casey Customer");
  await form.getByLabel("Email").fill("not an email");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.locator("#email-error")).toBeVisible();
  await form.getByLabel("Email").fill("casey@customer.test");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(CHECK_EMAIL("casey@customer.test"));

  // The mailed link finishes the account: choose the password, then sign in.
  const link = await linkMailedTo("casey@customer.test", /https?:\/\/\S+\/set-password\?token=[\w-]+/);
  expect(new URL(link).origin).toBe(globex);
  await page.goto(link);
  await page.getByLabel("New password (at least 12 characters)").fill("casey customer password");
  await page.getByLabel("Repeat the password").fill("casey customer password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");
  await signInAsCustomer(page, globex, { email: "casey@customer.test", password: "casey customer password" });
  await expect(page.getByText("No enquiries yet")).toBeVisible();

  await page.goto(`${globex}/`);
  await page.getByRole("link", { name: GLOBEX.properties[0] }).click();
  const enquiry = page.getByRole("form", { name: "Enquire about this property" });
  await enquiry.getByLabel("Your name").fill("Casey Customer");
  await enquiry.getByLabel("Email").fill("casey@customer.test");
  await enquiry.getByLabel("Message").fill("Does the condo allow pets?");
  await enquiry.getByRole("button", { name: "Send enquiry" }).click();
  await expect(page.getByRole("status")).toContainText("we received your enquiry");

  await page.goto(`${globex}/my-enquiries`);
  await expect(page.getByTestId("my-enquiry").filter({ hasText: "Does the condo allow pets?" })).toContainText(GLOBEX.properties[0]);

  const staffPage = await page.goto(`${globex}/dashboard`);
  expect(staffPage?.status()).toBe(403);
  const api = await page.evaluate(async () => (await fetch("/api/v1/properties")).status);
  expect(api).toBe(403);
});

test("signing up with an address that already has an account answers the same and only mails its owner", async ({ page }) => {
  const before = (await mailsTo(ACME_CUSTOMER.email)).length;
  await page.goto(`${acme}/sign-up`);
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Your name").fill("Not Really Them");
  await form.getByLabel("Email").fill(ACME_CUSTOMER.email);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(CHECK_EMAIL(ACME_CUSTOMER.email));
  await expect.poll(async () => (await mailsTo(ACME_CUSTOMER.email)).length).toBe(before + 1);
  const mail = (await mailsTo(ACME_CUSTOMER.email)).at(-1)!;
  expect(mail).toContain("you already have one. Nothing was changed.");
  expect(mail).not.toContain("set-password");
  // The account still signs in with its own password.
  await signInAsCustomer(page, acme, ACME_CUSTOMER);
});
