import { expect, test } from "@playwright/test";
import { e2eServer, GLOBEX, PEMBERTON, PLATFORM_ADMIN, WONKA } from "./fixture";
import { getWithHost } from "./host-request";
import { browserToken } from "./support/browser-api";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const admin = `http://admin.localhost:${port}`;
const wonka = `http://${WONKA.slug}.localhost:${port}`;

test("a cross-tenant attempt shows on the console's Security page, filtered to the tenant it was aimed at; Audit lists every tenant", async ({ page, browser }) => {
  // Wonka's owner sends its own token to Pemberton's API: refused, and audited on Pemberton as a security event.
  await signInToDashboard(page, wonka, WONKA.owner);
  const wonkaToken = await browserToken(page, WONKA.owner);
  const refused = await getWithHost(`${PEMBERTON.slug}.localhost:${port}`, "/api/v1/properties", { authorization: `Bearer ${wonkaToken}` });
  expect(refused.status).toBe(403);

  const consolePage = await (await browser.newContext()).newPage();
  await consolePage.goto(`${admin}/login`);
  await consolePage.getByLabel("Email").fill(PLATFORM_ADMIN.email);
  await consolePage.getByLabel("Password").fill(PLATFORM_ADMIN.password);
  await consolePage.getByRole("button", { name: "Sign in" }).click();
  await expect(consolePage).toHaveURL(`${admin}/`, { timeout: 15_000 });
  await consolePage.getByRole("navigation").getByRole("link", { name: "Security" }).click();
  await expect(consolePage).toHaveURL(`${admin}/security`);
  const filters = consolePage.getByRole("form", { name: "Filter events" });
  await filters.getByLabel("Tenant (slug)").fill(PEMBERTON.slug);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(consolePage).toHaveURL(new RegExp(`/security\\?tenant=${PEMBERTON.slug}(&|$)`));
  const mismatch = consolePage.getByTestId("audit-row").filter({ hasText: "security.tenant_context_mismatch" });
  await expect(mismatch.first()).toContainText(PEMBERTON.name);
  await expect(mismatch.first()).toContainText(WONKA.owner.email);
  await expect(consolePage.getByTestId("audit-row").filter({ hasText: "tenant.provisioned" })).toHaveCount(0);

  await consolePage.getByRole("navigation").getByRole("link", { name: "Audit" }).click();
  await expect(consolePage).toHaveURL(`${admin}/audit`);
  await consolePage.getByRole("form", { name: "Filter events" }).getByLabel("Event").fill("tenant.provisioned");
  await consolePage.getByRole("form", { name: "Filter events" }).getByRole("button", { name: "Filter" }).click();
  const provisioned = consolePage.getByTestId("audit-row");
  await expect(provisioned.filter({ hasText: GLOBEX.name })).toHaveCount(1);
  await expect(provisioned.filter({ hasText: PEMBERTON.name })).toHaveCount(1);

  // The tenant owner's browser holds no session on the admin host: sign-in first, then back to Security.
  await page.goto(`${admin}/security`);
  await expect(page).toHaveURL(`${admin}/login?next=%2Fsecurity`);
});
