import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eServer, PLATFORM_ADMIN } from "./fixture";
import { createTenantWithCli, type CreatedTenant } from "./support/browser-api";
import { sendJsonWithHost } from "./host-request";
import { signIn } from "./support/sign-in";

// The tenant page's database optimisation report: computed by the operator worker (the web tier has no
// owner role), shown with its time; Apply vacuums the stale tables through the same queue.

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const adminHost = `admin.localhost:${port}`;

let worker: ChildProcess;
let tenant: CreatedTenant;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  worker = spawn("npx", ["tsx", "lib/cli/anchor.ts", "operations", "work"], { env: process.env, stdio: "ignore", detached: true });
  tenant = await createTenantWithCli("optim", "standard");
});

test.afterAll(() => {
  if (worker.pid) process.kill(-worker.pid, "SIGTERM");
});

const send = sendJsonWithHost;

test("the tenant page shows the optimisation report the worker computed, and Apply vacuums the stale tables", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`, { timeout: 30_000 });
  await page.goto(`${admin}/tenants/${tenant.slug}`);
  const section = page.getByTestId("tenant-optimization");
  await expect(section.getByTestId("optimization-computed")).toContainText("No report yet");

  await page.getByRole("button", { name: "Refresh report" }).click();
  await expect(section.getByTestId("optimization-computed")).toContainText(/^Report of \d{4}-\d\d-\d\d \d\d:\d\d UTC: (\d+) of \1 tables not vacuumed for 7 days\.$/, { timeout: 30_000 });
  const properties = section.getByTestId("optimization-table").filter({ hasText: /^properties/ });
  await expect(properties.getByTestId("optimization-action")).toHaveText("stale");
  await expect(section.getByTestId("optimization-indexes")).toContainText("Index suggestions");

  await page.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: `Optimise ${tenant.slug}'s database?` });
  await expect(dialog).toContainText("VACUUM ANALYZE");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await expect(section.getByTestId("optimization-computed")).toContainText(/^Applied of .* UTC: (\d+) of \d+ tables not vacuumed for 7 days, \1 vacuumed\.$/);
  await expect(properties.getByTestId("optimization-action")).toHaveText("vacuumed");

  // After the vacuum a fresh report finds nothing stale and shows when each table was vacuumed.
  await page.getByRole("button", { name: "Refresh report" }).click();
  await expect(section.getByTestId("optimization-computed")).toContainText(/^Report of .* UTC: 0 of \d+ tables/, { timeout: 30_000 });
  await expect(properties.getByTestId("optimization-action")).toHaveText("—");

  const token = await send(adminHost, "POST", "/api/auth/token", PLATFORM_ADMIN);
  const bearer = { authorization: `Bearer ${token.json!.accessToken as string}` };
  const snapshot = await send(adminHost, "GET", `/api/admin/tenants/${tenant.slug}/optimization`, undefined, bearer);
  expect(snapshot.status).toBe(200);
  expect(snapshot.json).toMatchObject({ slug: tenant.slug, pending: false, report: { tenantId: tenant.id, applied: false, pgStatStatements: expect.any(Boolean) } });
  expect(Date.parse(snapshot.json!.computedAt as string)).toBeGreaterThan(Date.now() - 5 * 60_000);
  expect((await send(adminHost, "POST", `/api/admin/tenants/${tenant.slug}/optimization`, { apply: "yes" }, bearer)).status).toBe(422);
  expect((await send(adminHost, "GET", "/api/admin/tenants/no-such-tenant/optimization", undefined, bearer)).status).toBe(404);

  const owner = await send(`${tenant.slug}.localhost:${port}`, "POST", "/api/auth/token", tenant.owner);
  const ownerBearer = { authorization: `Bearer ${owner.json!.accessToken as string}` };
  expect((await send(adminHost, "GET", `/api/admin/tenants/${tenant.slug}/optimization`, undefined, ownerBearer)).status).toBe(403);
  expect((await send(adminHost, "POST", `/api/admin/tenants/${tenant.slug}/optimization`, { apply: true }, ownerBearer)).status).toBe(403);
});
