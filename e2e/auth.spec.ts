import { expect, test } from "@playwright/test";
import { ACME, ACME_CUSTOMER, ACME_LOCKOUT_TARGET, ACME_OWNER, ACME_VIEWER, e2eServer, GLOBEX, GLOBEX_OWNER, PLATFORM_ADMIN, WELCOME } from "./fixture";
import { signIn } from "./support/sign-in";

const { port, welcomeSetPasswordPath } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;
const globex = `http://${GLOBEX.slug}.localhost:${port}`;
const admin = `http://admin.localhost:${port}`;

test("an owner signs in on acme and sees its dashboard; the same browser is signed out on globex", async ({ page }) => {
  await signIn(page, acme, ACME_OWNER);
  await expect(page).toHaveURL(`${acme}/dashboard`);
  await expect(page.getByTestId("signed-in-email")).toHaveText(ACME_OWNER.email);
  await expect(page.getByRole("region", { name: `Properties of ${ACME.name}` })).toContainText(ACME.properties[0]);

  await page.goto(`${globex}/dashboard`);
  await expect(page).toHaveURL(`${globex}/login?next=%2Fdashboard`);
  await expect(page.getByRole("heading", { name: `Sign in to ${GLOBEX.name}` })).toBeVisible();
  const globexCookies = await page.context().cookies(globex);
  expect(globexCookies.filter((cookie) => cookie.name.includes("session-token"))).toEqual([]);
});

test("a wrong password says so and signs nobody in", async ({ page }) => {
  await signIn(page, acme, { email: ACME_OWNER.email, password: "not the password" });
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password");
  await page.goto(`${acme}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("five wrong passwords lock the account: even the right one is then refused with the locked message", async ({ page }) => {
  const alert = page.locator("form [role=alert]");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, acme, { email: ACME_LOCKOUT_TARGET.email, password: `wrong password ${attempt}` });
    await expect(alert).toHaveText("Wrong email or password");
  }
  await signIn(page, acme, ACME_LOCKOUT_TARGET);
  await expect(alert).toContainText("temporarily locked");
  await expect(page).toHaveURL(`${acme}/login`);
});

test("the form works from the keyboard alone and honours a relative 'next'", async ({ page }) => {
  await page.goto(`${acme}/login?next=${encodeURIComponent("/dashboard/transactions")}`);
  await page.getByLabel("Email").focus();
  await page.keyboard.type(ACME_OWNER.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(ACME_OWNER.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${acme}/dashboard/transactions`);
});

for (const hostileNext of ["//evil.example/", "/\t/evil.example/", "https://evil.example/"]) {
  test(`'next=${JSON.stringify(hostileNext)}' never leaves the tenant's host`, async ({ page }) => {
    await page.goto(`${acme}/login?next=${encodeURIComponent(hostileNext)}`);
    await page.getByLabel("Email").fill(ACME_OWNER.email);
    await page.getByLabel("Password").fill(ACME_OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${acme}/dashboard`);
    // Signed in already: the login page itself redirects, and must not follow the hostile 'next' either.
    await page.goto(`${acme}/login?next=${encodeURIComponent(hostileNext)}`);
    await expect(page).toHaveURL(`${acme}/dashboard`);
  });
}

test("a customer of the tenant signs in but the staff dashboard answers 403", async ({ page }) => {
  await signIn(page, acme, ACME_CUSTOMER);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  const response = await page.goto(`${acme}/dashboard`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText(ACME.properties[0])).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New property" })).toHaveCount(0);
});

test("sign-in and dashboard fit a phone's width", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await signIn(page, acme, ACME_OWNER);
  await expect(page).toHaveURL(`${acme}/dashboard`);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test("a platform admin signs in on the admin host and sees the tenants", async ({ page }) => {
  await page.goto(admin);
  await expect(page).toHaveURL(`${admin}/login`);
  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`);
  await expect(page.getByRole("heading", { name: "Admin console" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: ACME.name })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: GLOBEX.name })).toBeVisible();
});

test("a tenant owner cannot sign in on the admin host", async ({ page }) => {
  await signIn(page, admin, ACME_OWNER);
  await expect(page.locator("form [role=alert]")).toHaveText("Wrong email or password");
});

test("a viewer sees properties but no 'New property', and the API refuses the creation", async ({ page }) => {
  await signIn(page, acme, ACME_VIEWER);
  await expect(page).toHaveURL(`${acme}/dashboard`);
  await expect(page.getByRole("region", { name: `Properties of ${ACME.name}` })).toContainText(ACME.properties[0]);
  await expect(page.getByRole("button", { name: "New property" })).toHaveCount(0);

  // From the page itself (Node cannot resolve *.localhost): same origin, the viewer's session cookie.
  const response = await page.evaluate(async () => {
    const answer = await fetch("/api/v1/properties", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Viewer's villa", address: "1 Nope Road", price: 1, type: "house" }),
    });
    return { status: answer.status, body: (await answer.json()) as { error: string } };
  });
  expect(response).toMatchObject({ status: 403, body: { error: "forbidden" } });
});

test("an owner creates a property from the dashboard; field errors show at the field", async ({ page }) => {
  await signIn(page, acme, ACME_OWNER);
  await page.getByRole("button", { name: "New property" }).click();
  const form = page.getByRole("form", { name: "New property" });
  await form.getByRole("button", { name: "Create property" }).click();
  await expect(form.locator("#name-error")).toHaveText("Name must be at least 2 characters");
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Name").fill("Acme Lighthouse Keeper's Cottage");
  await form.getByLabel("Address").fill("1 Beacon Point, Whitby");
  await form.getByLabel("Price").fill("389000");
  await form.getByRole("button", { name: "Create property" }).click();
  // The new property opens on its own page, with a toast; the list has it too.
  await expect(page).toHaveURL(new RegExp(`^${acme}/dashboard/properties/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Acme Lighthouse Keeper's Cottage" })).toBeVisible();
  await expect(page.getByTestId("toast")).toContainText("Property created");
  await page.goto(`${acme}/dashboard`);
  await expect(page.getByRole("region", { name: `Properties of ${ACME.name}` })).toContainText("Acme Lighthouse Keeper's Cottage");
});

test("the welcome link sets a password once; signing in works; the link then refuses", async ({ page }) => {
  const origin = `http://${WELCOME.slug}.localhost:${port}`;
  await page.goto(`${origin}${welcomeSetPasswordPath}`);
  await page.getByLabel("New password (at least 12 characters)").fill("wayne manor password");
  await page.getByLabel("Repeat the password").fill("wayne manor password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");

  await signIn(page, origin, { email: WELCOME.adminEmail, password: "wayne manor password" });
  await expect(page).toHaveURL(`${origin}/dashboard`);

  await page.goto(`${origin}${welcomeSetPasswordPath}`);
  await page.getByLabel("New password (at least 12 characters)").fill("another password entirely");
  await page.getByLabel("Repeat the password").fill("another password entirely");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.locator("form [role=alert]")).toContainText("invalid, already used or expired");
});

test("'Sign out of all sessions' ends the user's other sessions too", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signIn(firstPage, globex, GLOBEX_OWNER);
  await signIn(secondPage, globex, GLOBEX_OWNER);
  await expect(firstPage).toHaveURL(`${globex}/dashboard`);
  await expect(secondPage).toHaveURL(`${globex}/dashboard`);

  await firstPage.getByRole("button", { name: "Account menu" }).click();
  await firstPage.getByRole("menuitem", { name: "Sign out of all sessions" }).click();
  await expect(firstPage).toHaveURL(/\/login/);
  await secondPage.reload();
  await expect(secondPage).toHaveURL(/\/login\?next=/);
  await first.close();
  await second.close();
});
