import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, ACME_VIEWER, e2eServer } from "./fixture";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("staff record a transaction in the tenant's currency and complete it; it cannot move again", async ({ page }) => {
  await signInToDashboard(page, acme, ACME_OWNER);
  await page.getByRole("link", { name: "Transactions" }).click();
  const form = page.getByRole("form", { name: "Record transaction" });
  await form.getByLabel("Property", { exact: true }).selectOption({ label: ACME.properties[1] });
  await form.getByLabel("Kind").selectOption("deposit");
  await form.getByLabel("Amount (GBP)").fill("-5");
  await form.getByRole("button", { name: "Record transaction" }).click();
  await expect(form.locator("#amount-error")).toContainText("more than 0");

  await form.getByLabel("Amount (GBP)").fill("31337.25");
  await form.getByLabel("Note").fill("e2e deposit");
  await form.getByRole("button", { name: "Record transaction" }).click();
  const row = page.getByTestId("transaction-row").filter({ hasText: "£31,337.25" });
  await expect(row).toContainText(ACME.properties[1]);
  await expect(row.getByTestId("transaction-status")).toHaveText("pending");

  await row.getByRole("button", { name: "Complete" }).click();
  await expect(row.getByTestId("transaction-status")).toHaveText("completed");
  await expect(row.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await expect(page.getByTestId("month-summary")).toContainText("£");

  // Date filters live in the URL; an invalid one is named and the rest still apply.
  const filters = page.getByRole("form", { name: "Filter transactions" });
  await filters.getByLabel("From").fill("2999-01-01");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/from=2999-01-01/);
  await expect(page.getByText("No transactions match.")).toBeVisible();
  await page.goto(`${acme}/dashboard/transactions?from=someday&status=completed`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Ignored invalid filter: from");
  await expect(page.getByTestId("transaction-row").filter({ hasText: "£31,337.25" })).toBeVisible();
});

test("the property to record for is found by typing: only this tenant's properties match", async ({ page }) => {
  await signInToDashboard(page, acme, ACME_OWNER);
  await page.goto(`${acme}/dashboard/transactions`);
  const form = page.getByRole("form", { name: "Record transaction" });
  const status = form.locator("#property-search-status");

  await form.getByLabel("Find property").fill("Globex");
  await expect(status).toHaveText("0 matches");
  await expect(form.getByLabel("Property", { exact: true }).locator("option")).toHaveCount(0);
  await form.getByLabel("Amount (GBP)").fill("10");
  await form.getByRole("button", { name: "Record transaction" }).click();
  await expect(form.locator("#propertyId-error")).toHaveText("Choose a property");

  await form.getByLabel("Find property").fill("meadow");
  await expect(status).toHaveText("1 match");
  await expect(form.getByLabel("Property", { exact: true }).locator("option")).toHaveText([ACME.properties[1]]);
  await form.getByLabel("Amount (GBP)").fill("4321.5");
  await form.getByRole("button", { name: "Record transaction" }).click();
  await expect(page.getByTestId("transaction-row").filter({ hasText: "£4,321.50" })).toContainText(ACME.properties[1]);
});

test("a viewer sees transactions but can neither record nor complete them", async ({ page }) => {
  await signInToDashboard(page, acme, ACME_VIEWER);
  await page.goto(`${acme}/dashboard/transactions`);
  await expect(page.getByRole("heading", { name: "Transactions" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Record transaction" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Complete" })).toHaveCount(0);
});
