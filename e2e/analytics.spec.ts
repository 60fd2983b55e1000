import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { e2eServer, STARK } from "./fixture";
import { browserApi, browserToken, createTenantWithCli, type CreatedTenant } from "./support/browser-api";
import { signInToDashboard } from "./support/sign-in";

// Dashboard → Analytics (feature advancedAnalytics): a professional tenant sees its listings' portal views,
// enquiries, time on market and conversion, counted from real portal visits and enquiries; a standard
// tenant (or one with the flag off) gets 404 and no nav link; another tenant's owner reads nothing.

const { port } = e2eServer();
const run = promisify(execFile);
const originOf = (slug: string) => `http://${slug}.localhost:${port}`;
const HARBOUR = "Analytics Harbour House";
const PLOT = "Analytics Quiet Plot";

test.describe.configure({ mode: "serial" });

let tenant: CreatedTenant;

async function advanced(page: Page, token: string) {
  return browserApi(page, { method: "GET", path: "/api/v1/analytics/advanced", token });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  tenant = await createTenantWithCli("insight", "professional");
  const origin = originOf(tenant.slug);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/login`);
  const token = await browserToken(page, tenant.owner);
  const ids: Record<string, string> = {};
  for (const name of [HARBOUR, PLOT]) {
    const created = await browserApi(page, { method: "POST", path: "/api/v1/properties", token, json: { name, address: "2 Funnel Road", price: 250000, type: "house", published: true } });
    expect(created.status).toBe(201);
    ids[name] = (created.json as { id: string }).id;
  }
  // Visitors: three portal views of the harbour house, one of the plot.
  for (const [name, views] of [[HARBOUR, 3], [PLOT, 1]] as const) {
    for (let view = 0; view < views; view += 1) {
      await page.goto(`${origin}/properties/${ids[name]}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    }
  }
  for (const [name, enquiries] of [[HARBOUR, 2], [PLOT, 1]] as const) {
    for (let index = 0; index < enquiries; index += 1) {
      const enquiry = { propertyId: ids[name], name: "Buyer", email: `buyer${index}@example.test`, message: "Is it still available?" };
      expect((await browserApi(page, { method: "POST", path: "/api/portal/enquiries", json: enquiry })).status).toBe(202);
    }
  }
  const sale = await browserApi(page, { method: "POST", path: "/api/v1/transactions", token, json: { propertyId: ids[HARBOUR], kind: "sale", amount: 250000 } });
  expect(sale.status).toBe(201);
  expect((await browserApi(page, { method: "POST", path: `/api/v1/transactions/${(sale.json as { id: string }).id}/complete`, token })).status).toBe(200);
  // Views are written after each page's response: wait until all four are in.
  await expect.poll(async () => ((await advanced(page, token)).json as { totals?: { views: number } }).totals?.views).toBe(4);
  await page.context().close();
});

test("a professional tenant's staff see Analytics with views, enquiries, time on market and conversion as seeded", async ({ page }) => {
  const origin = originOf(tenant.slug);
  await signInToDashboard(page, origin, tenant.owner);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(`${origin}/dashboard/analytics`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Analytics");
  await expect(page.getByTestId("total-properties")).toHaveText("2");
  await expect(page.getByTestId("total-views")).toHaveText("4");
  await expect(page.getByTestId("total-enquiries")).toHaveText("3");
  await expect(page.getByTestId("total-enquiry-rate")).toHaveText("75%");
  await expect(page.getByTestId("total-conversion")).toHaveText("33.3%");

  const rows = page.getByTestId("listing");
  await expect(rows.getByTestId("listing-name")).toHaveText([HARBOUR, PLOT]);
  const harbour = rows.filter({ hasText: HARBOUR });
  await expect(harbour.getByTestId("listing-views")).toHaveText("3");
  await expect(harbour.getByTestId("listing-enquiries")).toHaveText("2");
  await expect(harbour.getByTestId("listing-completed")).toHaveText("1");
  await expect(harbour.getByTestId("listing-days")).toHaveText("0");
  await expect(harbour.getByTestId("listing-conversion")).toHaveText("50%");
  const plot = rows.filter({ hasText: PLOT });
  await expect(plot.getByTestId("listing-views")).toHaveText("1");
  await expect(plot.getByTestId("listing-enquiries")).toHaveText("1");
  await expect(plot.getByTestId("listing-conversion")).toHaveText("0%");

  // Charts: two listings × (views, enquiries) bars; both listings on the days-on-market axis (0 days draws
  // no bar); a line of views per day.
  await expect(page.getByTestId("views-enquiries-chart").locator(".recharts-bar-rectangle")).toHaveCount(4);
  const marketAxis = page.getByTestId("days-on-market-chart");
  await expect(marketAxis).toContainText(HARBOUR);
  await expect(marketAxis).toContainText(PLOT);
  await expect(page.getByTestId("views-per-day-chart").locator(".recharts-line-curve")).toBeAttached();
  await expect(page.getByTestId("views-enquiries-chart")).toContainText(HARBOUR);
});

test("a standard tenant has no Analytics link and gets 404 on the page and the API", async ({ page }) => {
  const origin = originOf(STARK.slug);
  await signInToDashboard(page, origin, STARK.owner);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Properties" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Analytics" })).toHaveCount(0);
  const response = await page.goto(`${origin}/dashboard/analytics`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("total-views")).toHaveCount(0);
  const api = await advanced(page, await browserToken(page, STARK.owner));
  expect(api).toEqual({ status: 404, json: { error: "not_found", message: "Not found" } });
});

test("the advancedAnalytics flag turned off hides a professional tenant's page, link and API (404); unset, they return", async ({ page }) => {
  test.setTimeout(120_000);
  const origin = originOf(tenant.slug);
  const flag = (...args: string[]) => run("npx", ["tsx", "lib/cli/anchor.ts", "flags", ...args, "--json"], { env: process.env });
  await signInToDashboard(page, origin, tenant.owner);
  const token = await browserToken(page, tenant.owner);
  await flag("set", tenant.slug, "advancedAnalytics", "off");
  try {
    await expect.poll(async () => (await advanced(page, token)).status).toBe(404);
    const response = await page.goto(`${origin}/dashboard/analytics`);
    expect(response?.status()).toBe(404);
    await page.goto(`${origin}/dashboard`);
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  } finally {
    await flag("unset", tenant.slug, "advancedAnalytics");
  }
  await expect.poll(async () => (await advanced(page, token)).status).toBe(200);
  expect((await page.goto(`${origin}/dashboard/analytics`))?.status()).toBe(200);
  await expect(page.getByTestId("total-views")).toHaveText("4");
});

test("another tenant's owner cannot read this tenant's analytics: page to login, API 403, nothing leaked", async ({ page }) => {
  await signInToDashboard(page, originOf(STARK.slug), STARK.owner);
  const starkToken = await browserToken(page, STARK.owner);
  const origin = originOf(tenant.slug);
  await page.goto(`${origin}/dashboard/analytics`);
  await expect(page).toHaveURL(`${origin}/login?next=%2Fdashboard%2Fanalytics`);
  await expect(page.getByText(HARBOUR)).toHaveCount(0);
  const api = await advanced(page, starkToken);
  expect(api.status).toBe(403);
  expect(JSON.stringify(api.json)).not.toContain(HARBOUR);
});
