import { expect, test } from "@playwright/test";
import { e2eServer, STARK } from "./fixture";
import { getWithHost } from "./host-request";
import { setZoneRecords } from "./support/file-zone-dns";
import { signIn, signInToDashboard } from "./support/sign-in";

const { port, dnsZoneFile } = e2eServer();
const stark = `http://${STARK.slug}.localhost:${port}`;
const portal = `http://${STARK.domain}:${port}`;

test("add, verify by DNS, serve the portal (only) on the custom domain, and hand a customer's session over once", async ({ page, browser }) => {
  test.slow(); // Four browsers' worth of sign-ins and page loads in one flow.
  await signInToDashboard(page, stark, STARK.owner);
  await page.getByRole("link", { name: "Domain" }).click();
  await page.getByLabel("Custom domain", { exact: true }).fill(STARK.domain.toUpperCase());
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByTestId("domain-state")).toHaveText("not verified");
  await expect(page.getByRole("cell", { name: `_assetanchor-challenge.${STARK.domain}` })).toBeVisible();
  const token = (await page.getByTestId("txt-value").textContent())!.trim();
  expect(token).toMatch(/^aa-verify-/);

  // Not routed before verification.
  expect((await getWithHost(`${STARK.domain}:${port}`)).status).toBe(404);

  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("domain-message")).toContainText("found no TXT record");

  setZoneRecords(dnsZoneFile, `_assetanchor-challenge.${STARK.domain}`, { TXT: [token] });
  setZoneRecords(dnsZoneFile, STARK.domain, { CNAME: "cname.platform.test" });
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("domain-message")).toContainText(`${STARK.domain} is verified`);
  await expect(page.getByTestId("domain-state")).toHaveText("verified");

  // The portal on the custom domain, in the browser (host-resolver-rules map *.test to 127.0.0.1).
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`${portal}/`);
  await expect(visitorPage.getByText(STARK.name, { exact: true })).toBeVisible();

  // The settings link opens the portal there; staff pages on the custom domain move to the workspace host.
  await expect(page.getByRole("link", { name: `Open the portal at ${STARK.domain}` })).toHaveAttribute("href", `${portal}/`);
  const staffPage = await page.context().newPage();
  await staffPage.goto(`${portal}/dashboard/settings/domain?from=portal`);
  await expect(staffPage).toHaveURL(`${stark}/dashboard/settings/domain?from=portal`);
  await expect(staffPage.getByRole("heading", { name: "Custom domain" })).toBeVisible();
  expect((await page.context().cookies(portal)).filter((cookie) => cookie.name.includes("session-token"))).toEqual([]);
  // The owner's own password is refused on the custom domain's sign-in.
  await signIn(staffPage, portal, STARK.owner);
  await expect(staffPage.locator("form [role=alert]")).toHaveText(`Staff sign in at ${STARK.slug}.localhost:${port}`);
  await staffPage.close();

  // Hand-off, for customers: signed in on the workspace's portal, the link arrives signed in on the custom domain.
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await customerPage.goto(`${stark}/login?next=%2Fmy-enquiries`);
  await customerPage.getByLabel("Email").fill(STARK.customer.email);
  await customerPage.getByLabel("Password").fill(STARK.customer.password);
  await customerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(customerPage).toHaveURL(`${stark}/my-enquiries`);
  const handoffUrls: string[] = [];
  customerPage.on("request", (request) => {
    if (request.url().includes("/auth/handoff?token=")) handoffUrls.push(request.url());
  });
  await customerPage.getByRole("link", { name: `Continue on ${STARK.domain}` }).click();
  await expect(customerPage).toHaveURL(`${portal}/my-enquiries`);
  await expect(customerPage.getByText(`Signed in as ${STARK.customer.email}.`)).toBeVisible();
  expect(handoffUrls).toHaveLength(1);
  await customer.close();

  // A replay of the same link, in a fresh browser, does not sign anyone in.
  const replay = await visitor.newPage();
  const response = await replay.goto(handoffUrls[0]!);
  expect(response?.status()).toBe(400);
  await replay.goto(`${portal}/my-enquiries`);
  await expect(replay).toHaveURL(/\/login\?next=/);
  await visitor.close();

  // Staff have no hand-off: the owner's request is refused.
  await page.goto(`${stark}/dashboard/settings/domain`);
  const ownerHandoff = await page.evaluate(async () => {
    const response = await fetch("/api/auth/handoff", { redirect: "manual" });
    return { status: response.status, body: await response.text() };
  });
  expect(ownerHandoff.status).toBe(403);
  expect(ownerHandoff.body).toContain("Only customers");

  // Removing the domain stops routing at once.
  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("alertdialog", { name: `Remove ${STARK.domain}?` }).getByRole("button", { name: "Remove domain" }).click();
  await expect(page.getByTestId("domain-message")).toHaveText("Domain removed.");
  expect((await getWithHost(`${STARK.domain}:${port}`)).status).toBe(404);
});
