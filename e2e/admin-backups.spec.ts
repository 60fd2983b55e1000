import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { closeSeedConnections } from "./attack/attack-world";
import { e2eServer, PLATFORM_ADMIN } from "./fixture";
import { signIn } from "./support/sign-in";

// The Backups page end to end: backups of two fresh tenants (so no other spec's data is restored under
// it), the tenant filter, and restore / restore to a time / back up now, each queued by the web tier and
// run by an operator worker (`anchor operations work`, owner credentials, as in production).

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const tag = randomBytes(3).toString("hex");
const first = { slug: `bka-${tag}`, name: `Backup Alpha ${tag}` };
const second = { slug: `bkb-${tag}`, name: `Backup Beta ${tag}` };
const firstBackups: string[] = [];
let secondBackup = "";

test.describe.configure({ mode: "serial" });

let worker: ChildProcess;
let db: pg.Client;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { enableOwnerOutsideTenantScope } = await import("../lib/db/shared-client");
  const { provisionTenant } = await import("../lib/tenants/provision-tenant");
  const { createBackup } = await import("../lib/backups/create-backup");
  enableOwnerOutsideTenantScope();
  try {
    await provisionTenant({ name: first.name, slug: first.slug, adminEmail: `owner@${first.slug}.test`, adminPassword: `${first.slug}-owner-password` }, { sendWelcome: false });
    await provisionTenant({ name: second.name, slug: second.slug, adminEmail: `owner@${second.slug}.test`, adminPassword: `${second.slug}-owner-password`, plan: "professional" }, { sendWelcome: false });
    firstBackups.push((await createBackup(first.slug)).manifest.id);
    firstBackups.push((await createBackup(first.slug, { kind: "scheduled" })).manifest.id);
    secondBackup = (await createBackup(second.slug)).manifest.id;
  } finally {
    await closeSeedConnections();
  }
  worker = spawn("npx", ["tsx", "lib/cli/anchor.ts", "operations", "work"], { env: process.env, stdio: "ignore", detached: true });
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

test.afterAll(async () => {
  if (worker?.pid) process.kill(-worker.pid, "SIGTERM");
  await db?.end();
});

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, admin, PLATFORM_ADMIN);
  await expect(page).toHaveURL(`${admin}/`, { timeout: 20_000 });
}

/** A datetime-local value (the browser's local time, which is this machine's) `minutes` ago. */
function localMinutesAgo(minutes: number): string {
  const at = new Date(Date.now() - minutes * 60_000);
  const two = (value: number) => String(value).padStart(2, "0");
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

test("lists both tenants' backups with kind, size, status and retention; the tenant filter narrows to one", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation").getByRole("link", { name: "Backups" }).click();
  await expect(page).toHaveURL(`${admin}/backups`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Backups");
  for (const id of [...firstBackups, secondBackup]) await expect(page.getByTestId(`backup-row-${id}`)).toBeVisible();
  await expect(page.getByTestId(`backup-row-${firstBackups[1]}`)).toContainText("scheduled");
  await expect(page.getByTestId(`backup-row-${firstBackups[0]}`)).toContainText(first.name);
  await expect(page.getByTestId(`backup-row-${firstBackups[0]}`)).toContainText("kept");
  await expect(page.getByTestId(`backup-row-${firstBackups[0]}`)).toContainText("7 days (standard)");
  await expect(page.getByTestId(`backup-row-${secondBackup}`)).toContainText("30 days (professional)");
  await expect(page.getByTestId("pitr-window")).toContainText("No point-in-time window on this host");

  await page.getByLabel("Tenant (slug)").fill(second.slug);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(`${admin}/backups?tenant=${second.slug}&status=`);
  await expect(page.getByTestId(`backup-row-${secondBackup}`)).toBeVisible();
  await expect(page.locator('[data-testid^="backup-row-"]')).toHaveCount(1);
  for (const id of firstBackups) await expect(page.getByTestId(`backup-row-${id}`)).toHaveCount(0);
});

test("restore a backup from the list: queued, run by the worker, the tenant is back as it was", async ({ page }) => {
  test.setTimeout(90_000);
  await db.query("UPDATE tenants SET name = $2 WHERE slug = $1", [first.slug, "Renamed after the backup"]);
  await signInAsAdmin(page);
  await page.goto(`${admin}/backups?tenant=${first.slug}`);
  const row = page.getByTestId(`backup-row-${firstBackups[0]}`);
  await row.getByRole("button", { name: "Restore…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Restore ${firstBackups[0]}?`);
  await dialog.getByRole("button", { name: "Restore" }).click();
  await expect(dialog).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: `Restored ${first.slug} from ${firstBackups[0]}.` })).toBeVisible();
  expect((await db.query("SELECT name FROM tenants WHERE slug = $1", [first.slug])).rows[0].name).toBe(first.name);
  const operation = await db.query("SELECT status, input FROM admin_operations WHERE kind = 'tenant.restore' AND tenant_slug = $1 ORDER BY created_at DESC LIMIT 1", [first.slug]);
  expect(operation.rows[0]).toMatchObject({ status: "succeeded", input: { backupId: firstBackups[0] } });
  // The other tenant is untouched.
  expect((await db.query("SELECT name FROM tenants WHERE slug = $1", [second.slug])).rows[0].name).toBe(second.name);
});

test("restore to a time: queued and run by the worker, which refuses it here (no base backup) and the dialog says why", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await page.goto(`${admin}/backups?tenant=${first.slug}`);
  await page.getByRole("button", { name: `Restore ${first.slug} to a time…` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Restore" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose a date and time");
  await dialog.getByLabel("Time (your local time)").fill(localMinutesAgo(5));
  await dialog.getByRole("button", { name: "Restore" }).click();
  await expect(dialog.getByRole("alert")).toContainText("No base backup finished before", { timeout: 60_000 });
  const operation = await db.query("SELECT status, input, error FROM admin_operations WHERE kind = 'tenant.restore' AND tenant_slug = $1 AND input ? 'at' ORDER BY created_at DESC LIMIT 1", [first.slug]);
  expect(operation.rows[0]).toMatchObject({ status: "failed", error: { code: "conflict" } });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
});

test("back up now from the Backups page: the new backup is listed", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await page.goto(`${admin}/backups?tenant=${second.slug}`);
  await page.getByRole("button", { name: `Back up ${second.slug} now` }).click();
  const written = page.getByRole("status").filter({ hasText: "written" });
  await expect(written).toContainText(/Backup bk-\S+ written\./, { timeout: 60_000 });
  const backupId = /bk-\S+(?= written)/.exec((await written.textContent()) ?? "")![0];
  await expect(page.getByTestId(`backup-row-${backupId}`)).toContainText("manual");
  await expect(page.locator('[data-testid^="backup-row-"]')).toHaveCount(2);
});

test("signed out, the Backups page sends to sign-in (tenant sessions: e2e/attack/route-table.ts)", async ({ page }) => {
  await page.goto(`${admin}/backups`);
  await expect(page).toHaveURL(/\/login/);
});
