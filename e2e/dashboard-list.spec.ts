import { expect, test } from "@playwright/test";
import { ACME, ACME_VIEWER, e2eServer } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("the staff property list filters on the server by text, status and price, and keeps the filters in the URL", async ({ page }) => {
  await signIn(page, acme, ACME_VIEWER);
  const table = page.getByRole("region", { name: `Properties of ${ACME.name}` });
  const search = page.getByRole("form", { name: "Search properties" });

  await search.getByLabel("Search").fill("meadow");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=meadow/);
  await expect(table.getByRole("rowheader")).toHaveCount(1);
  await expect(table.getByRole("rowheader")).toContainText(ACME.properties[1]);

  await page.goto(`${acme}/dashboard?status=under_contract`);
  await expect(table.getByRole("rowheader")).toHaveCount(1);
  await expect(table.getByRole("rowheader")).toContainText(ACME.properties[2]);
  await page.goto(`${acme}/dashboard?minPrice=500000&maxPrice=700000`);
  await expect(table.getByRole("rowheader")).toHaveCount(1);
  await expect(table.getByRole("rowheader")).toContainText(ACME.properties[1]);
  await page.goto(`${acme}/dashboard?minPrice=9&maxPrice=1`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Ignored invalid filter: maxPrice. Check the values and apply again.");
  await expect(table.getByRole("rowheader").first()).toBeVisible();

  await page.goto(`${acme}/dashboard?q=no-such-property-anywhere`);
  await expect(page.getByText("No properties match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(`${acme}/dashboard`);
});

test("sorting by price orders the list and the form keeps the choice", async ({ page }) => {
  await signIn(page, acme, ACME_VIEWER);
  const search = page.getByRole("form", { name: "Search properties" });
  await search.getByLabel("Sort by").selectOption({ label: "Price, high to low" });
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=price_desc/);
  const prices = async () =>
    (await page.getByTestId("property-row").locator("td:nth-child(3)").allInnerTexts()).map((text) => Number(text.replace(/[^0-9.]/g, "")));
  const shown = await prices();
  expect(shown.length).toBeGreaterThan(1);
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  await expect(search.getByLabel("Sort by")).toHaveValue("price_desc");
});
