import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eServer, EMPTY, PLATFORM_ADMIN } from "./fixture";
import { signIn } from "./support/sign-in";

// Break one tenant's database role, see it go critical on the Health page with its reason and alert the
// platform admin by mail, then recover with a notice. Checks run through the operator CLI (as the job does).

const { port, mailOutboxDir } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const run = promisify(execFile);

async function healthCheck(): Promise<Array<{ slug: string; status: string; reasons: string[] }>> {
  const { stdout } = await run("npx", ["tsx", "lib/cli/anchor.ts", "health", "check", "--json"], { env: process.env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Array<{ slug: string; status: string; reasons: string[] }>;
}

async function alertMails(): Promise<string[]> {
  const files = (await readdir(mailOutboxDir).catch(() => [] as string[])).filter((file) => new RegExp(`^\\d+-${PLATFORM_ADMIN.email.replace(/\./g, "\\.")}-`).test(file));
  const mails = await Promise.all(files.map((file) => readFile(path.join(mailOutboxDir, file), "utf8")));
  return mails.filter((mail) => mail.includes(`${EMPTY.slug} is`));
}

test("a tenant whose DB role breaks goes critical with the reason, alerts once, and recovers with a notice", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  const tenantId = (await owner.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [EMPTY.slug])).rows[0]!.id;
  const schema = `"tenant_${tenantId.replaceAll("-", "")}"`;
  const appRole = process.env.APP_DB_ROLE ?? "app_user";
  try {
    expect((await healthCheck()).find((report) => report.slug === EMPTY.slug)?.status).toBe("healthy");
    const before = (await alertMails()).length;

    await signIn(page, admin, PLATFORM_ADMIN);
    await expect(page).toHaveURL(`${admin}/`);
    await page.goto(`${admin}/health`);
    await expect(page.getByTestId(`health-row-${EMPTY.slug}`)).toContainText("healthy");

    await owner.query(`REVOKE USAGE ON SCHEMA ${schema} FROM ${appRole}`);
    const broken = (await healthCheck()).find((report) => report.slug === EMPTY.slug)!;
    expect(broken.status).toBe("critical");
    await page.reload();
    const row = page.getByTestId(`health-row-${EMPTY.slug}`);
    await expect(row).toContainText("critical");
    await expect(row).toContainText("database: 42501");
    await expect.poll(async () => (await alertMails()).length).toBe(before + 1);
    expect((await alertMails()).some((mail) => mail.includes(`CRITICAL: ${EMPTY.slug} is critical`))).toBe(true);

    // Still broken: no second alert.
    await healthCheck();
    expect((await alertMails()).length).toBe(before + 1);

    await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${appRole}`);
    expect((await healthCheck()).find((report) => report.slug === EMPTY.slug)?.status).toBe("healthy");
    await page.reload();
    await expect(page.getByTestId(`health-row-${EMPTY.slug}`)).toContainText("healthy");
    await expect.poll(async () => (await alertMails()).some((mail) => mail.includes(`Recovered: ${EMPTY.slug} is healthy again`))).toBe(true);
  } finally {
    await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${appRole}`);
    await owner.end();
  }
});

test("the Health and Key metrics pages need a platform admin", async ({ page }) => {
  await page.goto(`${admin}/health`);
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${admin}/metrics`);
  await expect(page).toHaveURL(/\/login/);
});
