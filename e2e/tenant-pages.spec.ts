import { expect, test, type Page } from "@playwright/test";
import { ACME, e2eServer, EMPTY, GLOBEX, SUSPENDED } from "./fixture";

const { port } = e2eServer();

async function expectTenantHome(page: Page, tenant: { name: string; properties: readonly string[] }, otherTenant: { name: string; properties: readonly string[] }) {
  await expect(page).toHaveTitle(tenant.name);
  await expect(page.getByRole("banner")).toContainText(tenant.name);
  await expect(page.getByRole("heading", { level: 1, name: "Properties" })).toBeVisible();
  const listings = page.getByRole("list", { name: `Properties of ${tenant.name}` });
  for (const property of tenant.properties) await expect(listings.getByRole("heading", { name: property })).toBeVisible();
  await expect(listings.getByRole("listitem")).toHaveCount(tenant.properties.length);
  await expect(page.locator("body")).not.toContainText(otherTenant.name);
  for (const property of otherTenant.properties) await expect(page.locator("body")).not.toContainText(property);
}

test("acme.localhost shows Acme Realty and its properties, not Globex's", async ({ page }) => {
  const response = await page.goto(`http://${ACME.slug}.localhost:${port}/`);
  expect(response?.status()).toBe(200);
  await expectTenantHome(page, ACME, GLOBEX);
});

test("globex.localhost shows Globex Properties and its properties, not Acme's", async ({ page }) => {
  const response = await page.goto(`http://${GLOBEX.slug}.localhost:${port}/`);
  expect(response?.status()).toBe(200);
  await expectTenantHome(page, GLOBEX, ACME);
});

test("acme's custom domain shows Acme Realty", async ({ page }) => {
  const response = await page.goto(`http://${ACME.customDomain}:${port}/`);
  expect(response?.status()).toBe(200);
  await expectTenantHome(page, ACME, GLOBEX);
});

test("each property's card shows its address, price and status", async ({ page }) => {
  await page.goto(`http://${ACME.slug}.localhost:${port}/`);
  const card = page.getByRole("listitem").filter({ hasText: "Acme Riverside Office" });
  await expect(card).toContainText("88 Quay Street, Bristol");
  await expect(card).toContainText("1,250,000");
  await expect(card).toContainText("Under contract");
});

test("a suspended tenant's address says it is unavailable (never why), and none of its data", async ({ page }) => {
  const response = await page.goto(`http://${SUSPENDED.slug}.localhost:${port}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "This site is temporarily unavailable" })).toBeVisible();
  await expect(page.locator("body")).toContainText(SUSPENDED.name);
  await expect(page.locator("body")).not.toContainText(SUSPENDED.property);
});

test("a tenant without properties sees an empty state instead of a table", async ({ page }) => {
  const response = await page.goto(`http://${EMPTY.slug}.localhost:${port}/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("banner")).toContainText(EMPTY.name);
  await expect(page.getByRole("heading", { name: "No properties yet" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
