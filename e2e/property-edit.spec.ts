import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, ACME_VIEWER, GLOBEX, GLOBEX_OWNER, e2eServer } from "./fixture";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;
const globex = `http://${GLOBEX.slug}.localhost:${port}`;

test("property forms check each field where it is typed, and the edit form saves; viewers and other tenants cannot edit", async ({ page, browser }) => {
  test.setTimeout(90_000); // Three users' sign-ins, two forms and a dozen page loads in one flow.
  await signInToDashboard(page, acme, ACME_OWNER);
  await page.getByRole("button", { name: "New property" }).click();
  const create = page.getByRole("form", { name: "New property" });

  // Submitting empty: every required field says what it needs, and nothing is created.
  await create.getByRole("button", { name: "Create property" }).click();
  await expect(create.locator("#name-error")).toHaveText("Name must be at least 2 characters");
  await expect(create.locator("#address-error")).toHaveText("Address is required");
  await expect(create.locator("#price-error")).toHaveText("Enter a price");
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-describedby", "name-error");

  await create.getByLabel("Name").fill("Acme Edit Test Barn");
  await expect(create.locator("#name-error")).toHaveCount(0);
  await create.getByLabel("Address").fill("3 Hay Lane");
  await create.getByLabel("Price").fill("150000");
  await create.getByLabel("Bathrooms").fill("1.25");
  await create.getByLabel("Bathrooms").blur();
  await expect(create.locator("#bathrooms-error")).toHaveText("Bathrooms go in steps of 0.5");
  await create.getByLabel("Bathrooms").fill("1.5");
  await create.getByRole("button", { name: "Create property" }).click();
  await expect(create).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Edit Test Barn" })).toBeVisible();
  // The "Property created" notice leaves the address once shown.
  await expect(page).toHaveURL(/\/dashboard\/properties\/[0-9a-f-]{36}$/);
  const propertyUrl = page.url();

  await page.getByRole("link", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit property" });
  await expect(edit.getByLabel("Name")).toHaveValue("Acme Edit Test Barn");
  await expect(edit.getByLabel("Bathrooms")).toHaveValue("1.5");
  await edit.getByLabel("Price").fill("-5");
  await edit.getByLabel("Price").blur();
  await expect(edit.locator("#price-error")).toHaveText("Price cannot be negative");
  await edit.getByLabel("Price").fill("199000");
  await edit.getByLabel("Status").selectOption({ label: "Off market" });
  await edit.getByLabel("Description").fill("Converted barn with a hayloft.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("toast")).toContainText("Changes saved");
  await expect(page).toHaveURL(propertyUrl);
  await expect(page.getByText(/199,000/)).toBeVisible();
  await expect(page.getByText(/off market/)).toBeVisible();
  const editUrl = `${propertyUrl}/edit`;

  // Its page records a transaction for it directly.
  const record = page.getByRole("form", { name: "Record transaction" });
  await expect(record.getByLabel("Property")).toHaveValue(/.+/);
  await record.getByLabel("Amount (GBP)").fill("1200");
  await record.getByLabel("Kind").selectOption("fee");
  await record.getByRole("button", { name: "Record transaction" }).click();
  await expect(page.getByTestId("transaction-row").filter({ hasText: "£1,200" })).toContainText("Acme Edit Test Barn");

  // A viewer sees no Edit link and is refused the edit page.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signInToDashboard(viewer, acme, ACME_VIEWER);
  await viewer.goto(propertyUrl);
  await expect(viewer.getByRole("heading", { level: 1, name: "Acme Edit Test Barn" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Edit" })).toHaveCount(0);
  expect((await viewer.goto(editUrl))?.status()).toBe(403);
  await viewerContext.close();

  // Another tenant's owner cannot open it on their own host.
  const globexContext = await browser.newContext();
  const other = await globexContext.newPage();
  await signInToDashboard(other, globex, GLOBEX_OWNER);
  const foreignEdit = editUrl.replace(acme, globex);
  expect((await other.goto(foreignEdit))?.status()).toBe(404);
  await expect(other.getByRole("form", { name: "Edit property" })).toHaveCount(0);
  await globexContext.close();
});
