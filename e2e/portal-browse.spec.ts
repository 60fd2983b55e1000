import { expect, test, type Locator } from "@playwright/test";
import { e2eServer, GLOBEX, SOYLENT } from "./fixture";
import { getWithHost } from "./host-request";

const { port } = e2eServer();
const soylent = `http://${SOYLENT.slug}.localhost:${port}`;
const globex = `http://${GLOBEX.slug}.localhost:${port}`;
const [{ name: gardenFlat }, { name: canalHouse }, { name: hilltopEstate }] = SOYLENT.listings;

/** The image was fetched and decoded: a broken or refused image has a natural width of 0. */
async function expectLoadedImage(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0))).toBeGreaterThan(0);
}

test("a customer filters the listing by price, sees the photo, opens the property; another tenant's portal has none of it", async ({ page }) => {
  await page.goto(`${soylent}/`);
  const listings = page.getByRole("list", { name: `Properties of ${SOYLENT.name}` });
  await expect(listings.getByRole("listitem")).toHaveCount(3);
  await expect(listings.getByRole("listitem").filter({ hasText: gardenFlat }).getByTestId("photo-placeholder")).toBeVisible();

  const filters = page.getByRole("form", { name: "Filter properties" });
  await filters.getByLabel("Min price").fill("300000");
  await filters.getByLabel("Max price").fill("500000");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]minPrice=300000&maxPrice=500000/);
  await expect(filters.getByLabel("Min price")).toHaveValue("300000");
  await expect(listings.getByRole("listitem")).toHaveCount(1);
  const card = listings.getByRole("listitem").filter({ hasText: canalHouse });
  await expect(card).toContainText("420,000");
  const photo = card.getByRole("img", { name: `Photo of ${canalHouse}` });
  await expectLoadedImage(photo);
  const photoPath = await photo.getAttribute("src");
  expect(photoPath).toMatch(/^\/api\/portal\/photos\/[0-9a-f-]{36}$/);

  await card.getByRole("link", { name: canalHouse }).click();
  await expect(page.getByRole("heading", { level: 1, name: canalHouse })).toBeVisible();
  await expectLoadedImage(page.getByRole("img", { name: `Photo of ${canalHouse}` }));
  const propertyPath = new URL(page.url()).pathname;

  // Another tenant's portal: not in its listing, its id is no page there, its photo is no photo there.
  await page.goto(`${globex}/?q=Soylent`);
  await expect(page.getByRole("heading", { name: "No properties match these filters" })).toBeVisible();
  await page.goto(`${globex}/`);
  await expect(page.getByRole("list", { name: `Properties of ${GLOBEX.name}` })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(canalHouse);
  expect((await page.goto(`${globex}${propertyPath}`))?.status()).toBe(404);
  expect((await getWithHost(`${GLOBEX.slug}.localhost:${port}`, photoPath!)).status).toBe(404);
  expect((await getWithHost(`${SOYLENT.slug}.localhost:${port}`, photoPath!)).status).toBe(200);
});

test("invalid filters are dropped with a message, an empty result offers to clear the filters, and the form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const listings = page.getByRole("list", { name: `Properties of ${SOYLENT.name}` });

  await page.goto(`${soylent}/?minPrice=cheap&maxPrice=500000`);
  await expect(page.getByRole("alert")).toContainText("Min price must be a number: “cheap” was ignored.");
  await expect(page.getByLabel("Min price")).toHaveAttribute("aria-invalid", "true");
  await expect(listings.getByRole("listitem")).toHaveCount(2);
  await expect(listings).not.toContainText(hilltopEstate);

  await page.getByLabel("Max price").fill("");
  await page.getByLabel("Min price").fill("2000000");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]minPrice=2000000/);
  await expect(page.getByRole("heading", { name: "No properties match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "clear all filters" }).click();
  await expect(page).toHaveURL(`${soylent}/`);
  await expect(listings.getByRole("listitem")).toHaveCount(3);
  await context.close();
});
