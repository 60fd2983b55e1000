import { expect, test } from "@playwright/test";
import { e2eServer, GLOBEX } from "./fixture";

const { port } = e2eServer();
const globex = `http://${GLOBEX.slug}.localhost:${port}`;

test("a customer signs up on the portal, enquires, sees it under 'My enquiries', and cannot open staff pages", async ({ page }) => {
  await page.goto(`${globex}/`);
  await page.getByRole("link", { name: "Create an account" }).click();
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Your name").fill("Casey Customer");
  await form.getByLabel("Email").fill("casey@customer.test");
  await form.getByLabel("Password (at least 12 characters)").fill("short");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.locator("#password-error")).toContainText("12");
  await form.getByLabel("Password (at least 12 characters)").fill("casey customer password");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${globex}/my-enquiries`);
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
