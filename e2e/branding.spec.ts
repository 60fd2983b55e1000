import { expect, test, type Page } from "@playwright/test";
import { XSS_PAYLOADS } from "../lib/branding/xss-payloads";
import { e2eServer, GLOBEX, HOSTILE_NAME, STARK, UMBRELLA } from "./fixture";
import { getWithHost } from "./host-request";
import { signInToDashboard } from "./support/sign-in";

const { port, widgetScriptUrl } = e2eServer();
const umbrella = `http://${UMBRELLA.slug}.localhost:${port}`;

// One owner edits one tenant's branding: these steps share state, so they run in order.
test.describe.configure({ mode: "serial" });

async function primaryColour(page: Page): Promise<string> {
  return (await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--primary-color"))).trim();
}

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a new colour and logo show on the next load, already in the first HTML; globex is unchanged", async ({ page }) => {
  await page.goto(`${umbrella}/`);
  expect(await primaryColour(page)).toBe("#1d4ed8");

  await signInToDashboard(page, umbrella, UMBRELLA.owner);
  await page.getByRole("link", { name: "Branding" }).click();
  await page.getByLabel("Primary colour").fill("#E11D48");
  await expect(page.getByTestId("preview-button")).toHaveCSS("background-color", "rgb(225, 29, 72)");
  await page.getByLabel("Upload logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG_1X1 });
  await expect(page.getByLabel("Logo URL")).toHaveValue(/^\/assets\/tenant_[0-9a-f]{32}\/branding\/logo-[0-9a-f]+\.png$/);
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-message")).toContainText("Branding saved");

  await page.goto(`${umbrella}/`);
  expect(await primaryColour(page)).toBe("#e11d48");
  const logo = page.getByTestId("tenant-logo");
  await expect(logo).toHaveAttribute("src", /^\/assets\/tenant_/);
  expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);

  const firstHtml = await getWithHost(`${UMBRELLA.slug}.localhost:${port}`);
  expect(firstHtml.body).toMatch(/<html[^>]*style="--primary-color:#e11d48/);

  const logoPath = (await logo.getAttribute("src"))!;
  expect((await getWithHost(`${GLOBEX.slug}.localhost:${port}`, logoPath)).status).toBe(404);
  const globexPage = await page.context().newPage();
  await globexPage.goto(`http://${GLOBEX.slug}.localhost:${port}/`);
  // Globex keeps its own demo brand (lib/demo/seed-demo.ts), untouched by Umbrella's change.
  expect(await primaryColour(globexPage)).toBe("#7c3aed");
  await expect(globexPage.getByTestId("tenant-logo")).not.toHaveAttribute("src", logoPath);
});

test("invalid branding input shows field errors and saves nothing", async ({ page }) => {
  await page.goto(`${umbrella}/`);
  const colourBefore = await primaryColour(page);
  await signInToDashboard(page, umbrella, UMBRELLA.owner);
  await page.goto(`${umbrella}/dashboard/settings/branding`);
  await page.getByLabel("Primary colour").fill("red");
  await page.getByLabel("Primary colour").blur();
  // Checked where it was typed, by the API's schema, before anything is sent.
  await expect(page.locator("#primaryColor-error")).toContainText("hex colour");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.locator("#primaryColor-error")).toContainText("hex colour");
  await expect(page.locator("#timezone-error")).toContainText("IANA");
  await page.goto(`${umbrella}/`);
  expect(await primaryColour(page)).toBe(colourBefore);
});

test(`an XSS corpus of ${XSS_PAYLOADS.length} payloads in header, footer and names never runs`, async ({ page }) => {
  test.setTimeout(90_000); // Saves the corpus as branding and property names, then loads portal and dashboard pages.
  const executed: string[] = [];
  page.on("dialog", (dialog) => {
    executed.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (/xss|tenant-name/i.test(message.text())) executed.push(message.text());
  });
  await signInToDashboard(page, umbrella, UMBRELLA.owner);
  await page.goto(`${umbrella}/dashboard/settings/branding`);
  await page.getByLabel("Portal header HTML").fill(`<strong>Welcome</strong>${XSS_PAYLOADS.join("\n")}`);
  // Payloads such as an unclosed <script> swallow whatever follows them, so the harmless link goes first.
  await page.getByLabel("Portal footer HTML").fill(`<a href="https://umbrella.example/terms">Terms</a>${XSS_PAYLOADS.join("\n")}`);
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-message")).toContainText("Branding saved");

  await page.goto(`${umbrella}/dashboard`);
  const names = XSS_PAYLOADS.slice(0, 5).map((payload, index) => `${payload} #${index}`);
  for (const name of names) {
    await page.getByRole("button", { name: "New property" }).click();
    const form = page.getByRole("form", { name: "New property" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Address").fill("13 Hostile Street");
    await form.getByLabel("Price").fill("1000");
    await form.getByLabel("Publish to the portal").check();
    await form.getByRole("button", { name: "Create property" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.goto(`${umbrella}/dashboard`);
    await expect(page.getByRole("rowheader").filter({ hasText: name })).toBeVisible();
  }

  await page.goto(`${umbrella}/`);
  for (const name of names) await expect(page.getByRole("listitem").filter({ hasText: name })).toBeVisible();
  await expect(page.getByTestId("tenant-custom-header")).toContainText("Welcome");
  await expect(page.getByTestId("tenant-custom-footer").getByRole("link", { name: "Terms" })).toBeVisible();
  await page.goto(`http://${HOSTILE_NAME.slug}.localhost:${port}/`);
  await expect(page.getByText(HOSTILE_NAME.name).first()).toBeVisible();
  await page.goto(`http://${HOSTILE_NAME.slug}.localhost:${port}/login`);
  expect(executed).toEqual([]);

  const stored = await page.evaluate(async (origin) => (await (await fetch(`${origin}/api/tenant/branding`)).json()) as { customHeader: string; customFooter: string }, umbrella).catch(() => null);
  const branding = stored ?? (JSON.parse((await getWithHost(`${UMBRELLA.slug}.localhost:${port}`, "/api/tenant/branding")).body) as { customHeader: string; customFooter: string });
  for (const html of [branding.customHeader, branding.customFooter]) {
    expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<style|javascript:|\son\w+=/i);
  }
});

test("custom JS: refused at save on a plan without it; on an allowed plan it runs on the custom domain's portal only", async ({ page }) => {
  await signInToDashboard(page, `http://${STARK.slug}.localhost:${port}`, STARK.owner);
  await page.goto(`http://${STARK.slug}.localhost:${port}/dashboard/settings/branding`);
  await page.getByLabel("Custom JavaScript URL").fill(widgetScriptUrl);
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.locator("#customJsUrl-error")).toContainText("plan does not include custom JavaScript. Upgrade to the Enterprise plan to use it.");

  await signInToDashboard(page, umbrella, UMBRELLA.owner);
  await page.goto(`${umbrella}/dashboard/settings/branding`);
  await expect(page.getByText("runs only on the portal pages of your verified custom domain")).toBeVisible();
  await page.getByLabel("Custom JavaScript URL").fill(widgetScriptUrl);
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-message")).toContainText("Branding saved");

  // Not on the workspace host, not even on its portal pages: that origin also serves the dashboard and /api/v1.
  await page.goto(`${umbrella}/`);
  await expect(page.getByText(UMBRELLA.property)).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("data-custom-js", "ran");
  expect(String((await getWithHost(`${UMBRELLA.slug}.localhost:${port}`)).headers["content-security-policy"])).not.toContain(widgetScriptUrl);

  // On the verified custom domain's portal it runs, admitted by that page's CSP.
  const portal = `http://${UMBRELLA.customDomain}:${port}`;
  await page.goto(`${portal}/`);
  await expect(page.locator("html")).toHaveAttribute("data-custom-js", "ran");
  const policy = String((await getWithHost(`${UMBRELLA.customDomain}:${port}`)).headers["content-security-policy"]);
  expect(policy).toContain(widgetScriptUrl);
  expect(String((await getWithHost(`${UMBRELLA.customDomain}:${port}`, "/login")).headers["content-security-policy"])).not.toContain(widgetScriptUrl);

  await page.goto(`${umbrella}/dashboard`);
  await expect(page.getByTestId("signed-in-email")).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("data-custom-js", "ran");
  const staffPolicy = String((await getWithHost(`${UMBRELLA.slug}.localhost:${port}`, "/dashboard")).headers["content-security-policy"]);
  expect(staffPolicy).not.toContain(widgetScriptUrl);
});

test("a Berlin tenant with EUR sees Berlin dates and euro amounts", async ({ page }) => {
  await signInToDashboard(page, umbrella, UMBRELLA.owner);
  await page.goto(`${umbrella}/dashboard/settings/branding`);
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByLabel("Date format").selectOption("dd.MM.yyyy");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-message")).toContainText("Branding saved");

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${umbrella}/`);
  const card = page.getByRole("listitem").filter({ hasText: UMBRELLA.property });
  await expect(card).toContainText("€1,234,567.50");
  const berlinDay = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
  await expect(card.getByTestId("listed-at")).toHaveText(berlinDay);
});
