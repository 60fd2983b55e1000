import { expect, test, type Page } from "@playwright/test";
import { e2eServer, WONKA } from "./fixture";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const wonka = `http://${WONKA.slug}.localhost:${port}`;

// One owner edits one tenant's branding: the steps share it, so they run in order.
test.describe.configure({ mode: "serial" });

async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  });
}

async function openBranding(page: Page): Promise<void> {
  await signInToDashboard(page, wonka, WONKA.owner);
  await page.goto(`${wonka}/dashboard/settings/branding`);
  await expect(page.getByRole("button", { name: "Save branding" })).toBeEnabled();
}

test("colour pickers fill the hex field and warn below 4.5:1 contrast; the time zone is a searchable list", async ({ page }) => {
  await openBranding(page);
  await page.getByLabel("Choose the primary brand colour").fill("#7dd3fc");
  await expect(page.getByLabel("Primary colour")).toHaveValue("#7dd3fc");
  await expect(page.locator("#primaryColor-contrast")).toContainText("1.7:1");
  await page.getByLabel("Primary colour").fill("#0f766e");
  await expect(page.locator("#primaryColor-contrast")).toHaveCount(0);
  await page.getByLabel("Secondary colour").fill("#fde047");
  await expect(page.locator("#secondaryColor-contrast")).toContainText("below the 4.5:1");

  await expect(page.getByLabel("Time zone")).toHaveAttribute("list", "time-zone-options");
  const zones = await page.locator("#time-zone-options option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(zones.length).toBeGreaterThan(300);
  expect(zones).toContain("Europe/Berlin");
  await expect(page.getByLabel("UI configuration (JSON)")).toHaveCount(0);
});

test("the dark theme turns the portal and the dashboard dark; the header HTML sits inside the page", async ({ page }) => {
  await page.goto(`${wonka}/`);
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);

  await openBranding(page);
  await page.getByLabel("Theme").selectOption("dark");
  await page.getByLabel("Portal header HTML").fill("<p>Welcome to <a href='/'>Wonka Estates</a></p>");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-message")).toContainText("Branding saved");

  await page.goto(`${wonka}/dashboard`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await backgroundLuminance(page)).toBeLessThan(0.2);

  await page.goto(`${wonka}/`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await backgroundLuminance(page)).toBeLessThan(0.2);
  const header = page.getByTestId("tenant-custom-header");
  await expect(header).toContainText("Welcome to Wonka Estates");
  const box = (await header.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.width).toBeLessThan(viewport.width);
  expect(box.x).toBeGreaterThan(0);
});

test("the owner previews every mail in the workspace's brand", async ({ page }) => {
  await openBranding(page);
  await page.getByRole("link", { name: "Preview your mails" }).click();
  await expect(page).toHaveURL(`${wonka}/dashboard/settings/mail`);
  await expect(page.getByTestId("mail-from")).toHaveText(WONKA.name);
  await expect(page.getByTestId("mail-subject")).toHaveText(`Reset your ${WONKA.name} password`);
  await page.getByRole("navigation", { name: "Mail templates" }).getByRole("link", { name: "Team invitation" }).click();
  await expect(page.getByTestId("mail-subject")).toHaveText(`You are invited to join ${WONKA.name}`);
  const frame = page.frameLocator(`iframe[title="Team invitation mail"]`);
  await expect(frame.locator("body")).toContainText(`You have been invited to join ${WONKA.name}`);
  await expect(frame.locator("body")).not.toContainText("Asset Anchor");
});
