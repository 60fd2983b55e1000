import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { ACME, e2eServer, PLATFORM_ADMIN } from "./fixture";
import { signIn } from "./support/sign-in";

// The analytics page's numbers checked against the seeded database, after the snapshot job ran (via the CLI).

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const run = promisify(execFile);

test("analytics shows growth per period and resource usage that match the seeded data; key metrics list the seed's five", async ({ page }) => {
  test.setTimeout(120_000);
  await run("npx", ["tsx", "lib/cli/anchor.ts", "analytics", "snapshot", "--json"], { env: process.env });
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  let expected: { users: number; new30: number; new7: number };
  try {
    const users = (await owner.query<{ count: number }>("SELECT count(*)::int AS count FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = $1", [ACME.slug])).rows[0]!.count;
    const created = async (days: number) =>
      (await owner.query<{ count: number }>("SELECT count(*)::int AS count FROM tenants WHERE status <> 'deleted' AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - ($1::int - 1) * interval '1 day'", [days])).rows[0]!.count;
    expected = { users, new30: await created(30), new7: await created(7) };
  } finally {
    await owner.end();
  }

  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`);
  await page.goto(`${admin}/analytics`);
  await expect(page.getByTestId("growth-total")).toHaveText(String(expected.new30));
  await expect(page.getByTestId("growth-chart")).toBeVisible();
  await expect(page.getByTestId(`resources-${ACME.slug}`).getByTestId("users")).toHaveText(String(expected.users));

  await page.getByRole("link", { name: "7 d" }).click();
  await expect(page).toHaveURL(`${admin}/analytics?days=7`);
  await expect(page.getByTestId("growth-total")).toHaveText(String(expected.new7));

  await page.goto(`${admin}/metrics`);
  for (const key of ["isolation_failures", "query_performance_variance", "resource_imbalance", "tenant_error_rate", "schema_migration_time"]) {
    await expect(page.getByTestId(`metric-${key}`)).toBeVisible();
  }
});
