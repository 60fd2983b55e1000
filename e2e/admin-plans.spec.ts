import { expect, test } from "@playwright/test";
import pg from "pg";
import { FEATURE_FLAG_NAMES, formatLimit, PLAN_IDS, PLAN_LIMIT_NAMES, PLANS } from "../lib/plans/plans";
import { DUNDER, e2eServer, PLATFORM_ADMIN, UMBRELLA } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;

let db: pg.Client;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
});

test("the Plans page shows every plan's limits and features as the typed data has them, tenants per plan, and tenants with overrides", async ({ page }) => {
  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`, { timeout: 20_000 });
  await page.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
  await expect(page).toHaveURL(`${admin}/plans`);
  for (const id of PLAN_IDS) {
    for (const limit of PLAN_LIMIT_NAMES) await expect(page.getByTestId(`plan-${id}-${limit}`)).toContainText(formatLimit(limit, PLANS[id].limits[limit]));
    for (const flag of FEATURE_FLAG_NAMES) await expect(page.getByTestId(`plan-${id}-${flag}`)).toHaveText(PLANS[id].features[flag] ? "on" : "off");
  }

  // Other specs create tenants meanwhile: the page and a count taken right after it must agree on some reload.
  await expect
    .poll(async () => {
      await page.reload();
      const shown = Object.fromEntries(await Promise.all(PLAN_IDS.map(async (id) => [id, Number(await page.getByTestId(`plan-${id}-tenants`).textContent())] as const)));
      const { rows } = await db.query<{ plan_id: string; count: number }>("SELECT plan_id, count(*)::int AS count FROM tenants WHERE status <> 'deleted' GROUP BY plan_id");
      const counted = Object.fromEntries(PLAN_IDS.map((id) => [id, rows.find((row) => row.plan_id === id)?.count ?? 0] as const));
      return JSON.stringify(shown) === JSON.stringify(counted) ? "match" : `page ${JSON.stringify(shown)} vs database ${JSON.stringify(counted)}`;
    })
    .toBe("match");
  // Seeded enterprise tenants (global-setup) are among them.
  const enterprise = await db.query<{ slug: string }>("SELECT slug FROM tenants WHERE plan_id = 'enterprise' AND status <> 'deleted'");
  expect(enterprise.rows.map((row) => row.slug)).toEqual(expect.arrayContaining([UMBRELLA.slug, DUNDER.slug]));
  await expect(page.getByTestId("plan-enterprise-tenants").getByRole("link")).toHaveAttribute("href", "/tenants?plan=enterprise");

  // Dunder's seeded properties limit (an enterprise override), linked to its Manage tab.
  const dunder = page.getByTestId(`override-row-${DUNDER.slug}`);
  await expect(dunder).toContainText(`properties ${formatLimit("properties", DUNDER.propertyLimit)}`);
  await expect(dunder.getByRole("link", { name: DUNDER.name })).toHaveAttribute("href", `/tenants/${DUNDER.slug}/manage`);
});

test("signed out, the Plans page sends to sign-in (tenant sessions: e2e/attack/route-table.ts)", async ({ page }) => {
  await page.goto(`${admin}/plans`);
  await expect(page).toHaveURL(/\/login/);
});
