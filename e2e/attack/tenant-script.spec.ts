import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eServer } from "../fixture";
import { signInToDashboard } from "../support/sign-in";
import { startTenantScriptServer } from "../support/tenant-script-server";
import { actionProbe, AttackClient } from "./attack-client";
import { closeSeedConnections } from "./attack-world";

/**
 * Issue 10, finding 2 in Chromium: an admin of an enterprise tenant (custom JS allowed) saves a script URL;
 * the owner opens the portal on {slug}.<root> while signed in; the script asks the staff API to make the
 * admin an owner. Under ORIGIN-MODEL.md tenant code never runs on that origin, so the role must not change.
 */
test.describe.configure({ mode: "default" });

let client: AttackClient;
let scripts: Awaited<ReturnType<typeof startTenantScriptServer>>;
let tenant: { slug: string; host: string; owner: { email: string; password: string }; admin: { id: string; email: string; password: string } };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { provisionTenant } = await import("../../lib/tenants/provision-tenant");
  const { seedUser } = await import("../../lib/testing/seed-user");
  const tag = randomBytes(3).toString("hex");
  const slug = `atks${tag}`;
  const owner = { email: `owner-${slug}@attack.test`, password: `owner-${tag}-script-password` };
  try {
    await provisionTenant({ name: `Script ${tag} Lettings`, slug, adminEmail: owner.email, adminPassword: owner.password, plan: "enterprise" }, { sendWelcome: false });
    const { findTenantBySlug } = await import("../../lib/tenants/find-tenant");
    const admin = await seedUser((await findTenantBySlug(slug)).id, "admin", { email: `admin-${slug}@attack.test`, password: `admin-${tag}-script-password` });
    tenant = { slug, host: `${slug}.localhost:${e2eServer().port}`, owner, admin: { id: admin.id, email: admin.email, password: admin.password } };
  } finally {
    await closeSeedConnections();
  }
  scripts = await startTenantScriptServer();
  client = await AttackClient.create();
  // The admin saves the script through the branding settings action, as the settings form does.
  const adminSession = await client.signIn(tenant.host, tenant.admin.email, tenant.admin.password);
  const call = await actionProbe("app/t/[tenantId]/dashboard/settings/branding/actions.ts", "saveBrandingAction", [
    {
      theme: "light", primaryColor: "#1d4ed8", secondaryColor: "#0f172a", logoUrl: null, faviconUrl: null, customCssUrl: null, customJsUrl: scripts.scriptUrl,
      customHeaderHtml: null, customFooterHtml: null, timezone: "UTC", dateFormat: "yyyy-MM-dd", currency: "EUR",
    },
  ]);
  const saved = await client.send({ host: tenant.host, cookie: adminSession, path: "/dashboard/settings/branding", ...call, headers: { ...call.headers, origin: `http://${tenant.host}` } });
  if (saved.status !== 200 || !saved.body.includes('"ok":true')) throw new Error(`saving the custom script failed: ${saved.status} ${saved.body.slice(0, 400)}`);
});

test.afterAll(async () => {
  await client?.dispose();
  await scripts?.close();
});

test("a tenant admin's custom script cannot make itself owner through the owner's session (finding 2)", async ({ page }) => {
  scripts.setScript(`
    fetch("/api/v1/members/${tenant.admin.id}", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "owner" }) })
      .then((response) => document.documentElement.setAttribute("data-escalation", String(response.status)));
  `);
  const origin = `http://${tenant.host}`;
  await signInToDashboard(page, origin, tenant.owner);
  await page.goto(`${origin}/`);
  // The portal layout renders the tenant's script as a tag; where it does, wait for the script's own signal that its request finished.
  if ((await page.locator(`script[src="${scripts.scriptUrl}"]`).count()) > 0) await expect(page.locator("html")).toHaveAttribute("data-escalation", /\d+/);
  const ownerToken = await client.token(tenant.host, tenant.owner.email, tenant.owner.password);
  const members = await client.send({ host: tenant.host, method: "GET", path: "/api/v1/members", bearer: ownerToken });
  const admin = (JSON.parse(members.body) as { data: { id: string; role: string }[] }).data.find((member) => member.id === tenant.admin.id);
  expect(admin?.role, "the admin's role after the owner opened the portal").toBe("admin");
});
