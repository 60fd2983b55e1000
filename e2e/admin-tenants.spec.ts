import { execFile } from "node:child_process";
import http from "node:http";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer, GLOBEX, PLATFORM_ADMIN, SUSPENDED } from "./fixture";
import { getWithHost } from "./host-request";
import { signIn, signInToDashboard } from "./support/sign-in";

// The console's Tenants list and tenant page in Chromium, against the seeded world, and the same pages
// and APIs refused to a tenant owner's cookie and bearer token.

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const adminHost = `admin.localhost:${port}`;
const acmeHost = `${ACME.slug}.localhost:${port}`;
const run = promisify(execFile);

function post(host: string, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> | null }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: { host, "content-type": "application/json" } }, (response) => {
      let received = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (received += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, json: received ? (JSON.parse(received) as Record<string, unknown>) : null }));
    });
    request.on("error", reject);
    request.end(text);
  });
}

test("a platform admin searches, filters and pages the tenants, and opens a tenant's page", async ({ page }) => {
  test.setTimeout(180_000);
  /** Clicks the paging link if the page has it and waits for the page it leads to; false when there is none. */
  const follow = async (name: string) => {
    const link = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name });
    if ((await link.count()) === 0) return false;
    const href = await link.getAttribute("href");
    await link.click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    await page.waitForLoadState();
    return true;
  };
  await run("npx", ["tsx", "lib/cli/anchor.ts", "analytics", "snapshot", "--json"], { env: process.env });
  await signIn(page, admin, PLATFORM_ADMIN);
  // An argon2 check on a loaded machine can outlast expect's default 5 s (as in signInToDashboard).
  await expect(page).toHaveURL(`${admin}/`, { timeout: 20_000 });
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" }).click();
  await expect(page).toHaveURL(`${admin}/tenants`);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" })).toHaveAttribute("aria-current", "page");

  const search = page.getByRole("search", { name: "Filter tenants" });
  await search.getByLabel("Search").fill("ACME");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=ACME/);
  await expect(page.getByRole("rowheader", { name: new RegExp(ACME.name) })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: new RegExp(GLOBEX.name) })).toHaveCount(0);
  // Found by its custom domain too.
  await page.goto(`${admin}/tenants?q=${encodeURIComponent(ACME.customDomain)}`);
  await expect(page.getByTestId("tenant-row")).toHaveCount(1);
  await expect(page.getByTestId("tenant-row")).toContainText(ACME.name);

  await page.goto(`${admin}/tenants`);
  await search.getByLabel("Status").selectOption("suspended");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]status=suspended/);
  await expect(page.getByRole("rowheader", { name: new RegExp(SUSPENDED.name) })).toBeVisible();
  await expect(page.getByTestId("tenant-row").filter({ hasText: "active" })).toHaveCount(0);

  // Two a page, by name: walking Next covers every tenant once; Previous comes back.
  await page.goto(`${admin}/tenants?limit=2`);
  const total = Number((await page.getByTestId("tenant-total").textContent())!.split(" ")[0]);
  expect(total).toBeGreaterThan(4);
  const firstPage = await page.getByRole("rowheader").allTextContents();
  expect(firstPage).toHaveLength(2);
  const seen = [...firstPage];
  while (await follow("Next page")) seen.push(...(await page.getByRole("rowheader").allTextContents()));
  expect(seen).toHaveLength(total);
  expect(new Set(seen).size).toBe(total);
  const lastPage = await page.getByRole("rowheader").allTextContents();
  expect(lastPage).toEqual(seen.slice(-lastPage.length));
  // Other specs create and delete tenants meanwhile: walking Previous back ends at the same first tenant and
  // never shows a row twice (a page may then hold fewer rows than the limit).
  const back = [...lastPage];
  while (await follow("Previous page")) back.unshift(...(await page.getByRole("rowheader").allTextContents()));
  expect(back[0]).toBe(firstPage[0]);
  expect(new Set(back).size).toBe(back.length);

  await page.goto(`${admin}/tenants?q=${ACME.slug}`);
  await page.getByRole("link", { name: new RegExp(ACME.name) }).click();
  await expect(page).toHaveURL(`${admin}/tenants/${ACME.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: ACME.name })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Tenant" });
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Manage" })).toHaveAttribute("href", `/tenants/${ACME.slug}/manage`);
  await expect(tabs.getByRole("link", { name: "Access" })).toHaveAttribute("href", `/tenants/${ACME.slug}/access`);
  await expect(page.getByTestId("tenant-domains")).toContainText(`https://${ACME.customDomain}`);
  await expect(page.getByTestId("tenant-domains")).toContainText("custom domain, verified");
  await expect(page.getByTestId("member-row").filter({ hasText: ACME_OWNER.email })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: "@globex.test" })).toHaveCount(0);
  const properties = Number(await page.getByTestId("usage-properties").getByTestId("used").textContent());
  expect(properties).toBeGreaterThanOrEqual(ACME.properties.length);
  await expect(page.getByTestId("usage-members").getByTestId("allowed")).toHaveText(/^\d+$/);

  await page.goto(`${admin}/tenants/no-such-tenant`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a tenant owner's cookie and bearer token reach no console page or tenant API", async ({ page }) => {
  test.setTimeout(120_000);
  const issued = await post(acmeHost, "/api/auth/token", ACME_OWNER);
  expect(issued.status).toBe(200);
  const bearer = { authorization: `Bearer ${issued.json!.accessToken as string}` };
  await signInToDashboard(page, `http://${acmeHost}`, ACME_OWNER);
  const cookie = (await page.context().cookies(`http://${acmeHost}`)).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  expect(cookie).not.toBe("");

  for (const path of ["/api/admin/tenants", "/api/admin/tenants?q=acme", `/api/admin/tenants/${ACME.slug}`]) {
    expect((await getWithHost(adminHost, path)).status, path).toBe(401);
    const withToken = await getWithHost(adminHost, path, bearer);
    expect(withToken.status, path).toBe(403);
    expect(withToken.body).not.toContain(ACME_OWNER.email);
    const withCookie = await getWithHost(adminHost, path, { cookie });
    expect([401, 403], path).toContain(withCookie.status);
    // Not served on the tenant's own host at all.
    expect((await getWithHost(acmeHost, path, bearer)).status, path).toBe(404);
  }
  for (const path of ["/tenants", `/tenants/${ACME.slug}`]) {
    const unauthenticated = await getWithHost(adminHost, path);
    expect(unauthenticated.status, path).toBe(307);
    expect(unauthenticated.headers.location, path).toMatch(/^\/login/);
    for (const headers of [{ cookie }, bearer]) {
      const refused = await getWithHost(adminHost, path, headers);
      expect([307, 404], path).toContain(refused.status);
      expect(refused.body, path).not.toContain(ACME_OWNER.email);
      expect(refused.body, path).not.toContain(GLOBEX.name);
    }
  }
  // The browser, signed in on acme, is sent to the admin sign-in.
  await page.goto(`${admin}/tenants/${ACME.slug}`);
  await expect(page).toHaveURL(/\/login/);
});
