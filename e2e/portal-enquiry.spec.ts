import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer, GLOBEX } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("a visitor finds a property on the portal and enquires; staff see the lead and handle it; globex sees none of it", async ({ page, browser }) => {
  await page.goto(`${acme}/`);
  await page.getByRole("link", { name: ACME.properties[0] }).click();
  await expect(page.getByRole("heading", { level: 1, name: ACME.properties[0] })).toBeVisible();

  const form = page.getByRole("form", { name: "Enquire about this property" });
  await form.getByRole("button", { name: "Send enquiry" }).click();
  await expect(form.locator("#name-error")).toBeVisible();
  await form.getByLabel("Your name").fill("Portal Visitor Pat");
  await form.getByLabel("Email").fill("pat@example.test");
  await form.getByLabel("Message").fill("Is the loft still available in spring?");
  await form.getByRole("button", { name: "Send enquiry" }).click();
  await expect(page.getByRole("status")).toContainText("we received your enquiry");

  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signIn(staffPage, acme, ACME_OWNER);
  await staffPage.getByRole("link", { name: "Leads" }).click();
  const lead = staffPage.getByTestId("lead").filter({ hasText: "Portal Visitor Pat" });
  await expect(lead).toContainText(ACME.properties[0]);
  await expect(lead).toContainText("Is the loft still available in spring?");
  await lead.getByRole("button", { name: "Mark handled" }).click();
  await expect(lead.getByTestId("lead-status")).toHaveText("Handled");
  const statusFilter = staffPage.getByRole("navigation", { name: "Lead status" });
  await statusFilter.getByRole("link", { name: "New" }).click();
  await expect(statusFilter.getByRole("link", { name: "New" })).toHaveAttribute("aria-current", "page");
  await expect(staffPage.getByTestId("lead").filter({ hasText: "Portal Visitor Pat" })).toHaveCount(0);
  await statusFilter.getByRole("link", { name: "Handled" }).click();
  await expect(staffPage.getByTestId("lead").filter({ hasText: "Portal Visitor Pat" })).toBeVisible();
  await staff.close();

  // Globex's staff never see acme's lead, and acme's listing id is no page on globex.
  const propertyPath = new URL(page.url()).pathname;
  const globexPage = await browser.newPage();
  const response = await globexPage.goto(`http://${GLOBEX.slug}.localhost:${port}${propertyPath}`);
  expect(response?.status()).toBe(404);
  await globexPage.close();
});
