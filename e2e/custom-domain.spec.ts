import { expect, test } from "@playwright/test";
import { e2eServer, STARK } from "./fixture";
import { getWithHost } from "./host-request";
import { setZoneRecords } from "./support/file-zone-dns";
import { signInToDashboard } from "./support/sign-in";

const { port, dnsZoneFile } = e2eServer();
const stark = `http://${STARK.slug}.localhost:${port}`;
const portal = `http://${STARK.domain}:${port}`;

test("add, verify by DNS, serve the portal on the custom domain, and hand the session over once", async ({ page, browser }) => {
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

  // Hand-off: the link on the subdomain arrives signed in on the custom domain.
  const handoffUrls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/auth/handoff?token=")) handoffUrls.push(request.url());
  });
  await page.getByRole("link", { name: `Open ${STARK.domain} signed in` }).click();
  await expect(page).toHaveURL(`${portal}/dashboard`);
  await expect(page.getByTestId("signed-in-email")).toHaveText(STARK.owner.email);
  expect(handoffUrls).toHaveLength(1);

  // A replay of the same link, in a fresh browser, does not sign anyone in.
  const replay = await visitor.newPage();
  const response = await replay.goto(handoffUrls[0]!);
  expect(response?.status()).toBe(400);
  await replay.goto(`${portal}/dashboard`);
  await expect(replay).toHaveURL(/\/login\?next=/);
  await visitor.close();

  // Removing the domain stops routing at once.
  await page.goto(`${stark}/dashboard/settings/domain`);
  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("alertdialog", { name: `Remove ${STARK.domain}?` }).getByRole("button", { name: "Remove domain" }).click();
  await expect(page.getByTestId("domain-message")).toHaveText("Domain removed.");
  expect((await getWithHost(`${STARK.domain}:${port}`)).status).toBe(404);
});
