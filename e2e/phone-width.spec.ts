import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("every staff page and the portal fit a phone's width: wide tables scroll inside their region, never the page", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  await page.goto(`${acme}/`);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole("link", { name: ACME.properties[0] }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: ACME.properties[0] })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);

  await signIn(page, acme, ACME_OWNER);
  await expect(page).toHaveURL(`${acme}/dashboard`);
  for (const path of ["/dashboard", "/dashboard/transactions", "/dashboard/leads", "/dashboard/team", "/dashboard/activity", "/dashboard/settings/branding", "/dashboard/settings/domain"]) {
    await page.goto(`${acme}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await overflow(), path).toBeLessThanOrEqual(0);
  }
  await page.goto(`${acme}/dashboard`);
  await page.getByRole("link", { name: ACME.properties[0] }).click();
  await expect(page.getByRole("heading", { level: 1, name: ACME.properties[0] })).toBeVisible();
  expect(await overflow(), "property page").toBeLessThanOrEqual(0);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("form", { name: "Edit property" })).toBeVisible();
  expect(await overflow(), "edit page").toBeLessThanOrEqual(0);
});

test("on a phone the staff navigation is one compact menu, and the user menu signs out", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, acme, ACME_OWNER);
  await expect(page).toHaveURL(`${acme}/dashboard`);
  const menu = page.locator("summary").filter({ hasText: "Properties" });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("link", { name: "Team" })).toBeHidden();
  await menu.click();
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Team" }).click();
  await expect(page).toHaveURL(`${acme}/dashboard/team`);
  await expect(page.locator("summary").filter({ hasText: "Team" })).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu")).toContainText("owner");
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
});
