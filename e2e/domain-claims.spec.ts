import { expect, test, type Page } from "@playwright/test";
import { e2eServer, GLOBEX, GLOBEX_OWNER, UMBRELLA } from "./fixture";
import { getWithHost } from "./host-request";
import { setZoneRecords } from "./support/file-zone-dns";
import { signInToDashboard } from "./support/sign-in";

const { port, dnsZoneFile } = e2eServer();
const globex = `http://${GLOBEX.slug}.localhost:${port}`;
const umbrella = `http://${UMBRELLA.slug}.localhost:${port}`;
const CONTESTED = "contested.claims.test";

async function addDomain(page: Page, origin: string, domain: string): Promise<void> {
  await page.goto(`${origin}/dashboard/settings/domain`);
  await page.getByLabel("Custom domain", { exact: true }).fill(domain);
  await page.getByRole("button", { name: /^(Add|Change) domain$/ }).click();
  await expect(page.getByTestId("domain-message")).toBeVisible();
}

/** The records shown once the page has refreshed to this domain (the message comes first). */
async function tokenShownFor(page: Page, domain: string): Promise<string> {
  await expect(page.getByRole("cell", { name: `_assetanchor-challenge.${domain}` })).toBeVisible();
  return (await page.getByTestId("txt-value").textContent())!.trim();
}

test("an unverified claim does not block the workspace that proves the domain first, and the refusal names nobody", async ({ browser }) => {
  const squatterContext = await browser.newContext();
  const squatter = await squatterContext.newPage();
  await signInToDashboard(squatter, umbrella, UMBRELLA.owner);
  await addDomain(squatter, umbrella, CONTESTED);
  await tokenShownFor(squatter, CONTESTED);
  await expect(squatter.getByTestId("domain-state")).toHaveText("not verified");
  await expect(squatter.getByTestId("claim-expiry")).toContainText("an unverified claim lasts 7 days");

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInToDashboard(owner, globex, GLOBEX_OWNER);
  await addDomain(owner, globex, CONTESTED);
  await expect(owner.getByTestId("domain-message")).toContainText(`Added ${CONTESTED}`);
  const token = await tokenShownFor(owner, CONTESTED);
  await expect(owner.getByTestId("domain-state")).toHaveText("not verified");
  setZoneRecords(dnsZoneFile, `_assetanchor-challenge.${CONTESTED}`, { TXT: [token] });
  setZoneRecords(dnsZoneFile, CONTESTED, { CNAME: "cname.platform.test" });
  await owner.getByRole("button", { name: "Verify" }).click();
  await expect(owner.getByTestId("domain-message")).toContainText(`${CONTESTED} is verified`);
  await expect(owner.getByTestId("domain-state")).toHaveText("verified");
  expect((await getWithHost(`${CONTESTED}:${port}`)).status).toBe(200);

  // The squatter's claim is gone; claiming again is refused without saying who holds it.
  await squatter.reload();
  await expect(squatter.getByTestId("domain-state")).toHaveCount(0);
  await addDomain(squatter, umbrella, CONTESTED);
  const refusal = squatter.getByTestId("domain-message");
  await expect(refusal).toContainText(`The domain "${CONTESTED}" is already verified by another workspace`);
  await expect(refusal).not.toContainText(GLOBEX.name);
  await expect(refusal).not.toContainText(GLOBEX.slug);
  await expect(squatter.getByTestId("domain-state")).toHaveCount(0);

  // Back to the fixture's state: Globex holds its unverified domain again.
  await addDomain(owner, globex, GLOBEX.unverifiedDomain);
  await tokenShownFor(owner, GLOBEX.unverifiedDomain);
  await expect(owner.getByTestId("domain-state")).toHaveText("not verified");
  expect((await getWithHost(`${CONTESTED}:${port}`)).status).toBe(404);
  await squatterContext.close();
  await ownerContext.close();
});
