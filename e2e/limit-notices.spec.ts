import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DUNDER, e2eServer, GLOBEX, GLOBEX_OWNER } from "./fixture";
import { signInToDashboard } from "./support/sign-in";

const { port, mailOutboxDir } = e2eServer();
const dunder = `http://${DUNDER.slug}.localhost:${port}`;

// One tenant crosses 80 % of its properties: these steps share its state, so they run in order.
test.describe.configure({ mode: "serial" });

async function mailsTo(email: string): Promise<string[]> {
  const files = (await readdir(mailOutboxDir).catch(() => [])).filter((file) => file.includes(email));
  return Promise.all(files.map(async (file) => (await readFile(path.join(mailOutboxDir, file), "utf8")).replace(/\r?\n[ \t]+/g, " ")));
}

test("creating the 4th of 5 properties shows the owner an 80 % banner on every dashboard page and mails them once", async ({ page }) => {
  await signInToDashboard(page, dunder, DUNDER.owner);
  await expect(page.getByRole("region", { name: `Properties of ${DUNDER.name}` })).toContainText(DUNDER.properties[0]);
  await expect(page.getByTestId("limit-notice-banner")).toHaveCount(0);

  await page.getByRole("button", { name: "New property" }).click();
  const form = page.getByRole("form", { name: "New property" });
  await form.getByLabel("Name").fill("Dunder Annex");
  await form.getByLabel("Address").fill("1 Slough Road, Scranton");
  await form.getByLabel("Price").fill("250000");
  await form.getByRole("button", { name: "Create property" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dunder Annex" })).toBeVisible();

  await page.goto(`${dunder}/dashboard`);
  await expect(page.getByRole("region", { name: `Properties of ${DUNDER.name}` })).toContainText("Dunder Annex");
  await expect(page.getByTestId("limit-notice-banner")).toHaveText(
    "You have used 80% of your properties limit: 4 of 5 on the Enterprise plan. Contact us to raise this limit in your Enterprise contract.",
  );
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByTestId("limit-notice-banner")).toContainText("80% of your properties limit");
  const mails = await mailsTo(DUNDER.owner.email);
  expect(mails.filter((mail) => mail.includes(`Subject: ${DUNDER.name} has used 80% of its properties limit`))).toHaveLength(1);
});

test("the same tenant's agent sees no banner (owners only)", async ({ page }) => {
  await signInToDashboard(page, dunder, DUNDER.agent);
  await expect(page.getByRole("region", { name: `Properties of ${DUNDER.name}` })).toContainText("Dunder Annex");
  await expect(page.getByTestId("limit-notice-banner")).toHaveCount(0);
});

test("another tenant's owner sees no banner and got no mail", async ({ page }) => {
  await signInToDashboard(page, `http://${GLOBEX.slug}.localhost:${port}`, GLOBEX_OWNER);
  await expect(page.getByRole("region", { name: `Properties of ${GLOBEX.name}` })).toContainText(GLOBEX.properties[0]);
  await expect(page.getByTestId("limit-notice-banner")).toHaveCount(0);
  expect((await mailsTo(GLOBEX_OWNER.email)).filter((mail) => mail.includes("of its properties limit"))).toEqual([]);
});
