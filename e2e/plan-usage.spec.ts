import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eServer, STARK } from "./fixture";
import { browserApi, browserToken, createTenantWithCli, type CreatedTenant } from "./support/browser-api";
import { signInToDashboard } from "./support/sign-in";

// Settings → Plan & usage: an owner sees the plan, every limit with its usage and the API calls the
// test made, counted exactly; an admin (no usage:read) and another tenant's owner see none of it.

const { port, mailOutboxDir } = e2eServer();
const originOf = (slug: string) => `http://${slug}.localhost:${port}`;
const DOCUMENT = "Survey notes for the plan and usage spec.\n";

test.describe.configure({ mode: "serial" });

let tenant: CreatedTenant;
let admin: { email: string; password: string };

async function inviteLinkFor(email: string): Promise<string> {
  const file = (await readdir(mailOutboxDir)).filter((name) => name.includes(email)).sort().at(-1);
  if (!file) throw new Error(`no mail to ${email} in ${mailOutboxDir}`);
  const mail = (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  tenant = await createTenantWithCli("usage", "standard");
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${originOf(tenant.slug)}/login`);
  const token = await browserToken(page, tenant.owner);
  for (const name of ["Usage Spec Cottage", "Usage Spec Barn"]) {
    const created = await browserApi(page, { method: "POST", path: "/api/v1/properties", token, json: { name, address: "1 Meter Lane", price: 100000, type: "house" } });
    expect(created.status).toBe(201);
  }
  expect((await browserApi(page, { method: "POST", path: "/api/v1/documents", token, file: { name: "notes.txt", type: "text/plain", text: DOCUMENT } })).status).toBe(201);
  expect((await browserApi(page, { method: "POST", path: "/api/v1/members", token, json: { email: `agent@${tenant.slug}.test`, role: "agent" } })).status).toBe(201);
  admin = { email: `admin@${tenant.slug}.test`, password: "plan usage admin password" };
  expect((await browserApi(page, { method: "POST", path: "/api/v1/members", token, json: { email: admin.email, role: "admin" } })).status).toBe(201);
  // A bad body is refused (422) and still counts as a call, and as an error.
  expect((await browserApi(page, { method: "POST", path: "/api/v1/properties", token, json: { name: "x" } })).status).toBe(422);
  expect((await browserApi(page, { method: "GET", path: "/api/v1/properties", token })).status).toBe(200);
  await expect.poll(() => inviteLinkFor(admin.email).catch(() => null)).not.toBeNull();
  await page.goto(await inviteLinkFor(admin.email));
  await page.getByLabel("New password (at least 12 characters)").fill(admin.password);
  await page.getByLabel("Repeat the password").fill(admin.password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is set");
  await page.context().close();
});

test("the owner sees the plan, every limit with its usage, calls per day and response times, from the settings nav", async ({ page }) => {
  const origin = originOf(tenant.slug);
  await signInToDashboard(page, origin, tenant.owner);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Plan & usage" }).click();
  await expect(page).toHaveURL(`${origin}/dashboard/settings/plan`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan & usage");
  await expect(page.getByTestId("plan-name")).toHaveText("Standard");

  const limit = (name: string) => page.getByTestId(`limit-${name}`);
  await expect(limit("properties").getByTestId("limit-usage")).toHaveText("2");
  await expect(limit("properties").getByTestId("limit-max")).toHaveText("10,000");
  await expect(limit("properties").getByRole("meter")).toHaveAttribute("aria-valuenow", "2");
  // The owner, the invited agent and the admin who accepted.
  await expect(limit("members").getByTestId("limit-usage")).toHaveText("3");
  await expect(limit("members").getByTestId("limit-max")).toHaveText("50");
  await expect(limit("storageBytes").getByTestId("limit-usage")).toHaveText(`${Buffer.byteLength(DOCUMENT)} B`);
  await expect(limit("storageBytes").getByTestId("limit-max")).toHaveText("10 GiB");
  await expect(limit("storageBytes").getByRole("meter")).toHaveAttribute("aria-valuemax", String(10 * 1024 ** 3));
  await expect(limit("apiRequestsPerMinute").getByTestId("limit-max")).toHaveText("100/min");
  // The limiter's sliding window, peeked without spending: the 7 calls above, seconds ago (fewer only if
  // a minute boundary fell between them and the page, where the previous minute counts weighted).
  const apiMeter = limit("apiRequestsPerMinute").getByRole("meter", { name: "API requests per minute used" });
  await expect(apiMeter).toHaveAttribute("aria-valuemax", "100");
  const apiUsed = Number(await apiMeter.getAttribute("aria-valuenow"));
  expect(apiUsed).toBeGreaterThanOrEqual(5);
  expect(apiUsed).toBeLessThanOrEqual(7);
  await expect(limit("apiRequestsPerMinute").getByTestId("limit-usage")).toHaveText(`${apiUsed}/min`);
  await expect(limit("apiRequestsPerMinute")).toContainText("7 calls today");
  await expect(limit("backupRetentionDays").getByTestId("limit-max")).toHaveText("7 days");
  await expect(page.getByTestId("feature-customDomain").getByTestId("feature-state")).toHaveText("Included");
  await expect(page.getByTestId("feature-customJs").getByTestId("feature-state")).toHaveText("Not included");
  await expect(page.getByTestId("feature-advancedAnalytics").getByTestId("feature-state")).toHaveText("Not included");

  // The e2e server keeps usage in its own memory (no REDIS_URL), so a usage-sizes run from the CLI cannot
  // reach it: the page says so. The sampled figures are tested in lib/usage/sample-tenant-sizes.test.ts.
  await expect(page.getByRole("heading", { name: "Database and file storage size" })).toBeVisible();
  await expect(page.getByTestId("sizes")).toHaveText("Not sampled yet: sizes are measured once a day.");

  await expect(page.getByTestId("calls-total")).toHaveText("7");
  await expect(page.getByTestId("errors-total")).toHaveText("1");
  await expect(page.getByTestId("calls-per-day-chart").locator(".recharts-bar-rectangle").first()).toBeAttached();
  const endpoint = (name: string) => page.getByTestId("endpoint").filter({ has: page.getByTestId("endpoint-name").getByText(name, { exact: true }) });
  await expect(endpoint("POST /api/v1/properties").getByTestId("endpoint-calls")).toHaveText("3");
  await expect(endpoint("POST /api/v1/documents").getByTestId("endpoint-calls")).toHaveText("1");
  await expect(endpoint("POST /api/v1/members").getByTestId("endpoint-calls")).toHaveText("2");
  await expect(endpoint("GET /api/v1/properties").getByTestId("endpoint-calls")).toHaveText("1");
  await expect(page.getByTestId("endpoint")).toHaveCount(4);
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await expect(page.getByTestId("overall-samples")).toHaveText("7");
  await expect(page.getByTestId("overall-p95")).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(page.getByTestId("upgrade-text")).toContainText("The Professional plan raises properties to 50,000");
  await expect(page.getByTestId("upgrade-text")).toContainText("API requests per minute to 500/min");
  await expect(page.getByTestId("upgrade-text")).toContainText("adds advanced analytics");

  // The same numbers as the API's report (which this call adds to, after the page was read).
  const token = await browserToken(page, tenant.owner);
  const report = await browserApi(page, { method: "GET", path: "/api/v1/usage?days=30", token });
  expect(report.status).toBe(200);
  expect(report.json).toMatchObject({ plan: { id: "standard", name: "Standard" } });
  const limits = (report.json as { limits: Array<{ limit: string; usage: number | null }> }).limits;
  expect(Object.fromEntries(limits.map((entry) => [entry.limit, entry.usage]))).toMatchObject({ properties: 2, members: 3, storageBytes: Buffer.byteLength(DOCUMENT) });
  // This call is counted before its handler peeks, so the window holds the page's count plus at most one.
  const window = (report.json as { apiRateLimit: { limit: number; used: number; remaining: number } }).apiRateLimit;
  expect(window.limit).toBe(100);
  expect(window.used).toBeGreaterThanOrEqual(apiUsed);
  expect(window.used).toBeLessThanOrEqual(apiUsed + 1);
  expect(window.remaining).toBe(100 - window.used);
});

test("an admin has no Plan & usage link and gets 403 on the page and the API", async ({ page }) => {
  const origin = originOf(tenant.slug);
  await signInToDashboard(page, origin, admin);
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Branding" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Plan & usage" })).toHaveCount(0);
  const response = await page.goto(`${origin}/dashboard/settings/plan`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("plan-name")).toHaveCount(0);
  const token = await browserToken(page, admin);
  const api = await browserApi(page, { method: "GET", path: "/api/v1/usage", token });
  expect(api.status).toBe(403);
  expect(JSON.stringify(api.json)).not.toContain("limits");
});

test("another tenant's owner cannot read this tenant's usage: page to login, API 403, nothing leaked", async ({ page }) => {
  const stark = originOf(STARK.slug);
  await signInToDashboard(page, stark, STARK.owner);
  const starkToken = await browserToken(page, STARK.owner);
  const origin = originOf(tenant.slug);
  // Stark's session cookie is for Stark's host; on this tenant's host it does not sign anyone in.
  await page.goto(`${origin}/dashboard/settings/plan`);
  await expect(page).toHaveURL(`${origin}/login?next=%2Fdashboard%2Fsettings%2Fplan`);
  await expect(page.getByTestId("plan-name")).toHaveCount(0);
  const api = await browserApi(page, { method: "GET", path: "/api/v1/usage", token: starkToken });
  expect(api.status).toBe(403);
  expect(JSON.stringify(api.json)).not.toContain("Usage Spec");
  expect(JSON.stringify(api.json)).not.toContain("limits");
});
