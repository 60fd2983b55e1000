import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("staff upload a document, download the same bytes through a presigned URL, and delete it; publishing toggles the portal listing", async ({ page }) => {
  await signIn(page, acme, ACME_OWNER);

  await page.getByRole("button", { name: "New property" }).click();
  const form = page.getByRole("form", { name: "New property" });
  await form.getByLabel("Name").fill("Acme Document Test House");
  await form.getByLabel("Address").fill("5 Paper Lane");
  await form.getByLabel("Price").fill("250000");
  await form.getByRole("button", { name: "Create property" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Document Test House" })).toBeVisible();

  const pdf = Buffer.from("%PDF-1.4\n% e2e survey\n%%EOF\n");
  // setInputFiles does not wait for the input to work: wait until it is enabled (hydrated).
  await expect(page.getByLabel("Upload document")).toBeEnabled();
  await page.getByLabel("Upload document").setInputFiles({ name: "survey.pdf", mimeType: "application/pdf", buffer: pdf });
  const document = page.getByTestId("document").filter({ hasText: "survey.pdf" });
  await expect(document).toBeVisible();

  await page.getByLabel("Upload document").setInputFiles({ name: "evil.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg onload="alert(1)"/>') });
  await expect(page.getByRole("alert").filter({ hasText: "Upload a PDF" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), document.getByRole("link", { name: "survey.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("survey.pdf");
  expect(await readFile((await download.path())!)).toEqual(pdf);

  await document.getByRole("button", { name: "Delete survey.pdf" }).click();
  const confirmDocument = page.getByRole("alertdialog", { name: "Delete survey.pdf?" });
  await confirmDocument.getByRole("button", { name: "Delete document" }).click();
  await expect(confirmDocument).toBeHidden();
  await expect(page.getByTestId("document")).toHaveCount(0);

  await expect(page.getByTestId("published-state")).toHaveText("not published");
  await page.getByRole("button", { name: "Publish to portal" }).click();
  await expect(page.getByTestId("published-state")).toHaveText("published");
  const portal = await page.context().newPage();
  await portal.goto(`${acme}/`);
  await expect(portal.getByRole("link", { name: "Acme Document Test House" })).toBeVisible();

  await page.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByTestId("published-state")).toHaveText("not published");
  await portal.reload();
  await expect(portal.getByRole("link", { name: "Acme Document Test House" })).toHaveCount(0);

  await page.getByRole("button", { name: "Delete property" }).click();
  const confirmProperty = page.getByRole("alertdialog", { name: "Delete “Acme Document Test House”?" });
  // Cancelling keeps the property.
  await confirmProperty.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmProperty).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Document Test House" })).toBeVisible();
  await page.getByRole("button", { name: "Delete property" }).click();
  await confirmProperty.getByRole("button", { name: "Delete property" }).click();
  await expect(page).toHaveURL(`${acme}/dashboard`);
  await expect(page.getByRole("link", { name: "Acme Document Test House" })).toHaveCount(0);
});
