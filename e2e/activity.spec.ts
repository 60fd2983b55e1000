import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, GLOBEX, GLOBEX_OWNER, e2eServer } from "./fixture";
import { getWithHost } from "./host-request";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;
const globex = `http://${GLOBEX.slug}.localhost:${port}`;

test("a price edit shows in Activity as a sentence with the actor, filters by kind in the URL, and exports as CSV; another tenant reads neither", async ({ page, browser }) => {
  test.setTimeout(120_000); // Two tenants' sign-ins and a dozen page loads in one flow.
  const name = `Activity Cottage ${Date.now().toString(36)}`;
  await signInToDashboard(page, acme, ACME_OWNER);
  await page.getByRole("button", { name: "New property" }).click();
  const create = page.getByRole("form", { name: "New property" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Address").fill("4 Activity Row");
  await create.getByLabel("Price").fill("150000");
  await create.getByRole("button", { name: "Create property" }).click();
  await expect(create).toHaveCount(0);
  // The new property opens on its own page; its "created" notice leaves the address once shown.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/properties\/[0-9a-f-]{36}$/);
  const propertyUrl = page.url();
  await page.getByRole("link", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit property" });
  await edit.getByLabel("Price").fill("175000");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(propertyUrl);

  await page.getByRole("link", { name: "Activity" }).click();
  const label = new RegExp(`changed the price of ${name} from \\D{0,4}150,000(\\.00)? to \\D{0,4}175,000(\\.00)?`);
  const priceRow = page.getByTestId("activity-row").filter({ hasText: label });
  await expect(priceRow).toHaveCount(1);
  await expect(priceRow).toContainText(ACME_OWNER.email);
  await expect(priceRow).toContainText("property.price_changed");
  await expect(priceRow.getByRole("link", { name: label })).toHaveAttribute("href", new URL(propertyUrl).pathname);
  await expect(page.getByTestId("activity-row").filter({ hasText: `created ${name}` })).toHaveCount(1);

  const filters = page.getByRole("form", { name: "Filter activity" });
  await filters.getByLabel("Kind").selectOption({ label: "Team" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]kind=team(&|$)/);
  await expect(page.getByTestId("activity-row").filter({ hasText: name })).toHaveCount(0);
  await filters.getByLabel("Kind").selectOption({ label: "Properties" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]kind=property(&|$)/);
  await expect(priceRow).toHaveCount(1);
  await expect(page.getByTestId("activity-row").filter({ hasText: "team." })).toHaveCount(0);

  const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(exportHref).toBe("/api/v1/audit/export?kind=property");
  // The browser's own download request, with the page's session.
  const csv = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  }, exportHref!);
  expect(csv.status).toBe(200);
  expect(csv.type).toContain("text/csv");
  const text = csv.text;
  expect(text.split("\r\n")[0]).toBe("when,kind,action,description,actor,actor_email,target,link,ip");
  expect(text).toMatch(label);
  expect(text).toContain(ACME_OWNER.email);
  expect(text).not.toContain("team.");

  const globexContext = await browser.newContext();
  const other = await globexContext.newPage();
  await signInToDashboard(other, globex, GLOBEX_OWNER);
  // Globex's own session cookie, sent to Acme's host.
  const cookie = (await globexContext.cookies(globex)).map(({ name: cookieName, value }) => `${cookieName}=${value}`).join("; ");
  expect(cookie).not.toBe("");
  const acmeHost = `${ACME.slug}.localhost:${port}`;
  const foreignExport = await getWithHost(acmeHost, "/api/v1/audit/export", { cookie });
  expect(foreignExport.status).toBe(403);
  expect(foreignExport.body).not.toContain(name);
  const foreignList = await getWithHost(acmeHost, "/api/v1/audit?kind=property", { cookie });
  expect(foreignList.status).toBe(403);
  const foreignPage = await getWithHost(acmeHost, "/dashboard/activity", { cookie });
  expect(foreignPage.status).toBe(307);
  expect(foreignPage.headers.location).toContain("/login");
  expect(foreignPage.body).not.toContain(name);
  const ownActivity = await getWithHost(`${GLOBEX.slug}.localhost:${port}`, "/api/v1/audit/export", { cookie });
  expect(ownActivity.status).toBe(200);
  expect(ownActivity.body).toContain("when,kind,action");
  expect(ownActivity.body).not.toContain(name);
  await globexContext.close();
});
