import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { e2eServer, PLATFORM_ADMIN } from "./fixture";
import { signIn, signInToDashboard } from "./support/sign-in";

// The Manage tab and the New tenant page, end to end: the web tier (least-privilege roles) queues each
// action, an operator worker (`anchor operations work`, owner credentials, as in production) runs it.

const { port, mailOutboxDir } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const slug = `dunder-${randomBytes(3).toString("hex")}`;
const tenantOrigin = `http://${slug}.localhost:${port}`;
const ownerEmail = `michael@${slug}.test`;
const ownerPassword = "world's best boss password";
const reason = `Invoice INV-${randomBytes(2).toString("hex")} is 60 days overdue`;

test.describe.configure({ mode: "serial" });

let worker: ChildProcess;
let db: pg.Client;

test.beforeAll(async () => {
  worker = spawn("npx", ["tsx", "lib/cli/anchor.ts", "operations", "work"], { env: process.env, stdio: "ignore", detached: true });
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

test.afterAll(async () => {
  if (worker.pid) process.kill(-worker.pid, "SIGTERM");
  await db.end();
});

async function adminId(): Promise<string> {
  return (await db.query<{ id: string }>("SELECT id FROM users WHERE tenant_id IS NULL AND email = $1", [PLATFORM_ADMIN.email])).rows[0]!.id;
}

/** The audit events of this tenant by the admin, and the admin's own (tenant_id NULL) events about it. */
async function auditTrail(): Promise<{ tenant: string[]; admin: string[] }> {
  const actor = await adminId();
  const tenant = await db.query<{ action: string }>(
    "SELECT action FROM audit_logs WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1) AND actor_user_id = $2 ORDER BY created_at, id",
    [slug, actor],
  );
  const own = await db.query<{ action: string }>("SELECT action FROM audit_logs WHERE tenant_id IS NULL AND actor_user_id = $1 AND action LIKE 'admin.tenant_%' AND (target LIKE $2 OR target = '/api/admin/tenants') ORDER BY created_at, id", [
    actor,
    `/api/admin/tenants/${slug}%`,
  ]);
  return { tenant: tenant.rows.map((row) => row.action), admin: own.rows.map((row) => row.action) };
}

async function welcomeLink(): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const files = (await readdir(mailOutboxDir).catch(() => [] as string[])).filter((file) => file.includes(`-${ownerEmail}-`));
      const mails = await Promise.all(files.map(async (file) => (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
      link = /https?:\/\/\S+\/set-password\?token=[\w-]+/.exec(mails.join("\n"))?.[0] ?? "";
      return link;
    })
    .toMatch(/set-password\?token=/);
  return link;
}

/** An argon2 check on a machine shared with the other specs can take longer than expect's default 5 s. */
async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`, { timeout: 20_000 });
}

async function openManage(page: Page): Promise<void> {
  await page.goto(`${admin}/tenants/${slug}/manage`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(slug);
}

test("create a tenant from the browser with progress, then its owner sets a password and signs in", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await page.goto(`${admin}/tenants/new`);
  await page.getByLabel("Workspace name").fill("Dunder Mifflin Realty");
  await page.getByLabel("Slug (its address)").fill(slug);
  await page.getByLabel("Owner email").fill(ownerEmail);
  await page.getByLabel("Plan").selectOption("standard");
  await page.getByRole("button", { name: "Create tenant" }).click();
  const progress = page.getByTestId("provisioning-progress");
  await expect(progress).toContainText("Provisioning: succeeded", { timeout: 30_000 });
  for (const step of ["Slug reserved", "Database schema created and migrated", "Owner account and settings created", "Workspace activated"]) await expect(progress).toContainText(step);
  await expect(page.getByRole("link", { name: `Open ${slug}` })).toHaveAttribute("href", `/tenants/${slug}`);

  // The same slug again is refused with the field's message.
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByText("This slug is already taken")).toBeVisible({ timeout: 30_000 });

  const staff = await browser.newPage();
  await staff.goto(await welcomeLink());
  await staff.getByLabel("New password (at least 12 characters)").fill(ownerPassword);
  await staff.getByLabel("Repeat the password").fill(ownerPassword);
  await staff.getByRole("button", { name: "Set password" }).click();
  await expect(staff.getByRole("status")).toContainText("Your password is set");
  await staff.close();
  // Sent with Prefer: respond-async, each request is audited when accepted (202); the second one's refusal is its operation's.
  expect((await auditTrail()).admin).toEqual(["admin.tenant_created", "admin.tenant_created"]);
  expect((await db.query("SELECT status FROM admin_operations WHERE kind = 'tenant.create' AND input->>'slug' = $1 ORDER BY created_at", [slug])).rows.map((row) => row.status)).toEqual(["succeeded", "failed"]);
  expect((await auditTrail()).tenant).toEqual(["tenant.provisioned"]);
});

test("plan change and a feature flag, inherit from plan again; audited as the admin", async ({ page }) => {
  await signInAsAdmin(page);
  await openManage(page);
  await expect(page.getByTestId("tenant-plan")).toHaveText("Standard");
  await page.getByRole("button", { name: "Change plan…" }).click();
  await page.getByRole("dialog").getByLabel("New plan").selectOption("professional");
  await page.getByRole("dialog").getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("tenant-plan")).toHaveText("Professional");

  const setting = page.getByLabel("customJs setting");
  await expect(setting).toHaveValue("inherit");
  await expect(page.getByTestId("flag-effective-customJs")).toHaveText("off");
  await setting.selectOption("on");
  await expect(page.getByTestId("flag-effective-customJs")).toHaveText("on");
  await expect(setting).toHaveValue("on");
  await setting.selectOption("inherit");
  await expect(page.getByTestId("flag-effective-customJs")).toHaveText("off");
  await expect(setting).toHaveValue("inherit");

  const trail = await auditTrail();
  expect(trail.tenant).toEqual(["tenant.provisioned", "tenant.plan_changed", "tenant.flag_set", "tenant.flag_unset"]);
  expect(trail.admin).toEqual(["admin.tenant_created", "admin.tenant_created", "admin.tenant_plan_changed", "admin.tenant_flag_set", "admin.tenant_flag_cleared"]);
});

test("suspend with a reason: the tenant's staff see it on their host, customers a neutral page; reactivate", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInToDashboard(staff, tenantOrigin, { email: ownerEmail, password: ownerPassword });

  await signInAsAdmin(page);
  await openManage(page);
  await page.getByRole("button", { name: "Suspend…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason (shown to the tenant's staff)").fill("no");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(dialog.getByRole("alert")).toContainText("at least 3 characters");
  await expect.poll(async () => (await db.query("SELECT status FROM tenants WHERE slug = $1", [slug])).rows[0].status).toBe("active");
  await dialog.getByLabel("Reason (shown to the tenant's staff)").fill(reason);
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("suspended");
  await expect(page.getByTestId("manage-suspension-reason")).toContainText(reason);

  await staff.goto(`${tenantOrigin}/dashboard`);
  await expect(staff.getByRole("heading", { name: "Your workspace is suspended" })).toBeVisible();
  await expect(staff.getByTestId("suspension-reason")).toContainText(reason);
  await expect(staff.getByText("contact the platform’s support team")).toBeVisible();

  const visitor = await browser.newPage();
  const answer = await visitor.goto(`${tenantOrigin}/`);
  expect(answer?.status()).toBe(403);
  await expect(visitor.getByRole("heading", { name: "This site is temporarily unavailable" })).toBeVisible();
  await expect(visitor.locator("body")).not.toContainText(reason);
  await expect(visitor.locator("body")).not.toContainText("Asset Anchor");
  await visitor.close();

  await page.getByRole("button", { name: "Reactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("active");
  await staff.goto(`${tenantOrigin}/dashboard`);
  await expect(staff).toHaveURL(`${tenantOrigin}/dashboard`);
  await expect(staff.getByRole("heading", { name: "Your workspace is suspended" })).toHaveCount(0);
  await staffContext.close();

  const trail = await auditTrail();
  expect(trail.tenant.slice(-2)).toEqual(["tenant.suspended", "tenant.activated"]);
  expect(trail.admin.slice(-2)).toEqual(["admin.tenant_suspended", "admin.tenant_reactivated"]);
});

test("back up now, then delete only with the slug typed (a wrong slug is refused); a final backup is taken", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsAdmin(page);
  await openManage(page);
  await page.getByRole("button", { name: "Back up now" }).click();
  const written = page.getByRole("status").filter({ hasText: "written" });
  await expect(written).toContainText(/Backup bk-\S+ written\./, { timeout: 30_000 });
  const backupId = /bk-\S+(?= written)/.exec((await written.textContent()) ?? "")![0];
  await expect(page.getByTestId(`backup-row-${backupId}`)).toContainText("manual");

  await page.getByRole("button", { name: "Delete tenant…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(`Type ${slug} to confirm`).fill("acme");
  await dialog.getByRole("button", { name: "Delete for good" }).click();
  await expect(dialog.getByRole("alert")).toContainText(`Type "${slug}" to confirm`);
  expect((await db.query("SELECT status FROM tenants WHERE slug = $1", [slug])).rows[0].status).toBe("active");
  expect((await db.query("SELECT status FROM tenants WHERE slug = 'acme'")).rows[0].status).toBe("active");

  await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await dialog.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("deleted", { timeout: 30_000 });
  await expect(page.getByTestId("manage-backups")).toContainText("(final)");

  const trail = await auditTrail();
  expect(trail.tenant.at(-1)).toBe("tenant.deleted");
  expect(trail.admin.slice(-2)).toEqual(["admin.tenant_backed_up", "admin.tenant_deleted"]);
});

test("signed out, the Manage and New tenant pages send to sign-in (tenant sessions: e2e/attack/route-table.ts)", async ({ page }) => {
  await page.goto(`${admin}/tenants/${slug}/manage`);
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${admin}/tenants/new`);
  await expect(page).toHaveURL(/\/login/);
});
