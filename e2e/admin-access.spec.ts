import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { closeSeedConnections } from "./attack/attack-world";
import { e2eServer, PLATFORM_ADMIN } from "./fixture";
import { getWithHost } from "./host-request";
import { signIn } from "./support/sign-in";

// The Access tab of the admin console: maintenance mode and impersonation, each on a tenant of its own
// so no other spec's tenant is disturbed.

const { port } = e2eServer();
const adminOrigin = `http://admin.localhost:${port}`;
interface ProvisionedTenant {
  slug: string;
  owner: { email: string; password: string };
}

let maintained: ProvisionedTenant;
let impersonated: ProvisionedTenant;
let maintainedDomain: string;

// Made the way global-setup seeds (lib/tenants), in this worker: fresh tenants, so no other spec's pages change.
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { enableOwnerOutsideTenantScope } = await import("../lib/db/shared-client");
  const { provisionTenant } = await import("../lib/tenants/provision-tenant");
  const { setTenantDomain } = await import("../lib/tenants/set-tenant-domain");
  enableOwnerOutsideTenantScope();
  const provision = async (prefix: string): Promise<ProvisionedTenant> => {
    const slug = `${prefix}-${randomBytes(3).toString("hex")}`;
    const owner = { email: `owner@${slug}.test`, password: `${slug}-owner-password` };
    await provisionTenant({ name: `${prefix} Homes`, slug, adminEmail: owner.email, adminPassword: owner.password }, { sendWelcome: false });
    return { slug, owner };
  };
  try {
    maintained = await provision("maint");
    impersonated = await provision("imp");
    maintainedDomain = `${maintained.slug}.access.test`;
    await setTenantDomain(maintained.slug, maintainedDomain, { verified: true });
  } finally {
    await closeSeedConnections();
  }
});

async function signInToConsole(page: Page): Promise<void> {
  await signIn(page, adminOrigin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${adminOrigin}/`, { timeout: 30_000 });
}

function localInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

test("maintenance: portal, dashboard and custom domain show the maintenance page, the API answers 503 with Retry-After; off → normal", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { slug } = maintained;
  const domain = maintainedDomain;
  const host = `${slug}.localhost:${port}`;
  const urls = [`http://${host}/`, `http://${host}/dashboard`, `http://${host}/login`, `http://${domain}:${port}/`];

  await signInToConsole(page);
  await page.goto(`${adminOrigin}/tenants/${slug}/access`);
  await expect(page.getByTestId("maintenance-status")).toContainText("Off.");
  await page.getByLabel("Message shown to visitors").fill("Moving to a bigger server");
  await page.getByLabel("Expected end (your local time)").fill(localInput(new Date(Date.now() + 60 * 60_000)));
  await page.getByRole("button", { name: "Turn maintenance on" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText("On since");

  const visitor = await browser.newPage();
  for (const url of urls) {
    const response = await visitor.goto(url);
    expect(response?.status(), url).toBe(503);
    // The pages announce the same end as the API: Retry-After in seconds until "Expected back by".
    const retryAfter = Number(response?.headers()["retry-after"]);
    expect(retryAfter, url).toBeGreaterThan(58 * 60);
    expect(retryAfter, url).toBeLessThanOrEqual(60 * 60);
    await expect(visitor.getByTestId("maintenance-message")).toHaveText("Moving to a bigger server");
    await expect(visitor.getByTestId("maintenance-until")).toContainText("Expected back by");
  }
  for (const [apiHost, path] of [[host, "/api/v1/properties"], [host, "/api/portal/properties"], [`${domain}:${port}`, "/api/portal/properties"]] as const) {
    const api = await getWithHost(apiHost, path);
    expect(api.status, `${apiHost}${path}`).toBe(503);
    expect(Number(api.headers["retry-after"])).toBeGreaterThan(58 * 60);
    expect(Number(api.headers["retry-after"])).toBeLessThanOrEqual(60 * 60);
    expect(JSON.parse(api.body)).toEqual({ error: "maintenance", message: "Moving to a bigger server" });
  }

  await page.getByRole("button", { name: "End maintenance" }).click();
  await expect(page.getByTestId("maintenance-status")).toContainText("Off.");
  for (const url of urls) {
    const response = await visitor.goto(url);
    expect(response?.status(), url).toBe(200);
    expect(response?.headers()["retry-after"], url).toBeUndefined();
    await expect(visitor.getByTestId("maintenance-page")).toHaveCount(0);
  }
  expect((await getWithHost(host, "/api/v1/properties")).status).toBe(401);
  expect((await getWithHost(host, "/api/portal/properties")).status).toBe(200);
  await visitor.close();
});

test("impersonation: banner on every page, read-only refuses changes, audited 'as user', End now ends it", async ({ page }) => {
  test.setTimeout(180_000);
  const { slug, owner } = impersonated;
  const tenantOrigin = `http://${slug}.localhost:${port}`;
  const bannerText = new RegExp(`Admin ${PLATFORM_ADMIN.email.replace(/\./g, "\\.")} viewing as ${owner.email.replace(/\./g, "\\.")} — read-only — ends at \\d\\d:\\d\\d`);

  await signInToConsole(page);
  await page.goto(`${adminOrigin}/tenants/${slug}/access`);
  await page.getByLabel("User", { exact: true }).selectOption({ label: `${owner.email} (owner)` });
  await page.getByLabel("Minutes (at most 30)").fill("31");
  await page.getByLabel("Reason (kept in the audit trail)").fill("Support ticket 42");
  await page.getByRole("button", { name: "Start impersonation" }).click();
  await expect(page.locator("#minutes-error")).toContainText("At most 30 minutes");

  await page.getByLabel("Allow changes (write access)").check();
  await expect(page.getByRole("alert").filter({ hasText: "changes this tenant's real data" })).toBeVisible();
  await page.getByLabel("Allow changes (write access)").uncheck();
  await page.getByLabel("Minutes (at most 30)").fill("10");
  await page.getByRole("button", { name: "Start impersonation" }).click();
  await page.getByTestId("impersonation-link").click();
  await expect(page).toHaveURL(`${tenantOrigin}/dashboard`, { timeout: 30_000 });

  for (const path of ["/dashboard", "/dashboard/team", "/dashboard/leads", "/dashboard/activity", "/"]) {
    await page.goto(`${tenantOrigin}${path}`);
    await expect(page.getByTestId("impersonation-banner"), path).toHaveText(bannerText);
  }

  // A change through the API and one through a server action (the dashboard's form) are both refused.
  const refused = await page.evaluate(async () => {
    const response = await fetch("/api/v1/properties", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Made while impersonating", address: "1 Quay St", price: 1, type: "house" }) });
    return { status: response.status, body: (await response.json()) as { error: string; message: string } };
  });
  expect(refused).toMatchObject({ status: 403, body: { error: "forbidden", message: expect.stringContaining("Read-only impersonation") } });
  await page.goto(`${tenantOrigin}/dashboard`);
  await page.getByRole("button", { name: "New property" }).click();
  const form = page.getByRole("form", { name: "New property" });
  await form.getByLabel("Name").fill("Also made while impersonating");
  await form.getByLabel("Address").fill("2 Quay St");
  await form.getByLabel("Price").fill("100000");
  await form.getByRole("button", { name: "Create property" }).click();
  await expect(form.getByRole("alert")).toContainText("Read-only impersonation");

  await page.goto(`${tenantOrigin}/dashboard/activity`);
  await expect(page.getByRole("cell", { name: `admin ${PLATFORM_ADMIN.email} as user ${owner.email}` }).first()).toBeVisible();

  await page.getByRole("button", { name: "End now" }).click();
  await expect(page).toHaveURL(`${adminOrigin}/tenants/${slug}/access`);
  await expect(page.getByTestId("active-impersonations")).toHaveCount(0);
  await page.goto(`${tenantOrigin}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByTestId("impersonation-banner")).toHaveCount(0);

  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ action: string }>(
      "SELECT a.action FROM audit_logs a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND (a.action LIKE 'impersonation.%' OR a.action = 'security.impersonation_write_refused') ORDER BY a.created_at",
      [slug],
    );
    const actions = rows.map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["impersonation.started", "impersonation.redeemed", "security.impersonation_write_refused", "impersonation.ended"]));
    expect(actions.filter((action) => action === "security.impersonation_write_refused")).toHaveLength(2);
  } finally {
    await db.end();
  }
});

test("the console's End stops an impersonation from the list", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { slug, owner } = impersonated;
  await signInToConsole(page);
  await page.goto(`${adminOrigin}/tenants/${slug}/access`);
  await page.getByLabel("User", { exact: true }).selectOption({ label: `${owner.email} (owner)` });
  await page.getByLabel("Reason (kept in the audit trail)").fill("Checking a report");
  await page.getByRole("button", { name: "Start impersonation" }).click();
  const link = await page.getByTestId("impersonation-link").getAttribute("href");
  const impersonating = await browser.newPage();
  await impersonating.goto(link!);
  await expect(impersonating.getByTestId("impersonation-banner")).toBeVisible();

  const list = page.getByTestId("active-impersonations");
  await expect(list).toContainText(owner.email);
  await list.getByRole("button", { name: `End impersonation of ${owner.email}` }).click();
  await expect(page.getByTestId("active-impersonations")).toHaveCount(0);
  await impersonating.reload();
  await expect(impersonating).toHaveURL(/\/login\?next=/);
  await impersonating.close();
});

test("a tenant owner cannot reach the Access page or its API", async ({ page }) => {
  test.setTimeout(60_000);
  const { slug, owner } = impersonated;
  expect((await page.goto(`${adminOrigin}/tenants/${slug}/access`))?.url()).toContain("/login");
  await page.goto(`http://${slug}.localhost:${port}/login`);
  const token = await page.evaluate(async (credentials) => {
    const response = await fetch("/api/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(credentials) });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }, owner);
  await page.goto(`${adminOrigin}/login`);
  const status = await page.evaluate(async ([path, bearer]) => (await fetch(path!, { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` }, body: "{}" })).status, [`/api/admin/tenants/${slug}/maintenance`, token]);
  expect(status).toBe(403);
});
