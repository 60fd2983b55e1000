import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer, PLATFORM_ADMIN } from "./fixture";
import { getWithHost } from "./host-request";

const { port } = e2eServer();
const apex = `http://localhost:${port}`;
const acme = `http://${ACME.slug}.localhost:${port}`;
const admin = `http://admin.localhost:${port}`;
const outbox = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");

async function mailsTo(email: string): Promise<string[]> {
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((name) => name.includes(email)).sort();
  return Promise.all(files.map(async (file) => (await readFile(path.join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

test.describe("landing page", () => {
  test("links to sign-in help and sign-up, with the platform's favicon and logo", async ({ page }) => {
    await page.goto(apex);
    await expect(page.getByRole("img", { name: "Asset Anchor" })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${apex}/find-workspace`);
    await page.goto(apex);
    await page.getByRole("link", { name: "Create your workspace" }).click();
    await expect(page).toHaveURL(`${apex}/signup`);
    for (const file of ["/favicon.ico", "/logo.svg"]) {
      expect((await getWithHost(`localhost:${port}`, file)).status).toBe(200);
      expect((await getWithHost(`admin.localhost:${port}`, file)).status).toBe(200);
    }
    // White-label: a tenant's host never serves the platform's mark.
    expect((await getWithHost(`${ACME.slug}.localhost:${port}`, "/logo.svg")).status).toBe(404);
  });

  test("find my workspace mails the sign-in links and answers the same for an unknown address", async ({ page }) => {
    await page.goto(`${apex}/find-workspace`);
    await page.getByLabel("Your work email").fill(ACME_OWNER.email);
    await page.getByRole("button", { name: "Email me my sign-in links" }).click();
    const answer = await page.getByRole("status").textContent();
    expect(answer).toContain("If that address belongs to any workspace");
    await expect.poll(async () => (await mailsTo(ACME_OWNER.email)).some((mail) => mail.includes(`${acme}/login`)), { timeout: 10_000 }).toBe(true);

    await page.goto(`${apex}/find-workspace`);
    await page.getByLabel("Your work email").fill("stranger@nowhere.test");
    await page.getByRole("button", { name: "Email me my sign-in links" }).click();
    await expect(page.getByRole("status")).toHaveText(answer!);
  });
});

test.describe("self-service sign-up", () => {
  test("checks the address while typing, creates the workspace and its owner sets a password", async ({ page }) => {
    // Sign-up, mail, set-password and sign-in in one test: two argon2 hashes on a loaded CI machine.
    test.setTimeout(60_000);
    const slug = `signup-${Date.now().toString(36)}`;
    const email = `owner@${slug}.test`;
    await page.goto(`${apex}/signup`);
    await page.getByLabel("Agency or workspace name").fill("Harbour Homes");
    await page.getByLabel("Workspace address").fill(ACME.slug);
    await expect(page.locator("#slug-availability")).toHaveText(`"${ACME.slug}" is already taken`);
    await expect(page.getByRole("button", { name: "Create workspace" })).toBeDisabled();
    await page.getByLabel("Workspace address").fill("admin");
    await expect(page.locator("#slug-availability")).toHaveText('"admin" is reserved for the platform');
    await page.getByLabel("Workspace address").fill(slug);
    await expect(page.locator("#slug-availability")).toHaveText("Available");
    await page.getByLabel("Your email").fill(email);
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.getByRole("status")).toContainText(`Your workspace is ready at ${slug}.localhost:${port}`);

    await expect.poll(async () => (await mailsTo(email)).length, { timeout: 10_000 }).toBe(1);
    const [mail] = await mailsTo(email);
    expect(mail).toContain("Harbour Homes");
    const link = /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(mail!)![0];
    await page.goto(link);
    await page.getByLabel("New password (at least 12 characters)").fill("harbour-homes-password");
    await page.getByLabel("Repeat the password").fill("harbour-homes-password");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByRole("link", { name: "Go to sign in" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("harbour-homes-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`http://${slug}.localhost:${port}/dashboard`, { timeout: 15_000 });
    await expect(page.getByText("Harbour Homes").first()).toBeVisible();
  });
});

test.describe("deep links survive sign-in", () => {
  test("a signed-out staff member asking for a page lands on it after signing in", async ({ page }) => {
    await page.goto(`${acme}/dashboard/team`);
    await expect(page).toHaveURL(`${acme}/login?next=%2Fdashboard%2Fteam`);
    await page.getByLabel("Email").fill(ACME_OWNER.email);
    await page.getByLabel("Password").fill(ACME_OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${acme}/dashboard/team`, { timeout: 15_000 });
  });

  test("the admin console returns to the page asked for too", async ({ page }) => {
    await page.goto(`${admin}/health`);
    await expect(page).toHaveURL(`${admin}/login?next=%2Fhealth`);
    await page.getByLabel("Email").fill(PLATFORM_ADMIN.email);
    await page.getByLabel("Password").fill(PLATFORM_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${admin}/health`, { timeout: 15_000 });
  });
});
