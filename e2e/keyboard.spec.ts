import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, e2eServer } from "./fixture";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;

test("a property is created, opened and its delete dialog cancelled with the keyboard alone", async ({ page }) => {
  await page.goto(`${acme}/login`);
  await page.getByLabel("Email").fill(ACME_OWNER.email);
  await page.getByLabel("Password").fill(ACME_OWNER.password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(`${acme}/dashboard`);

  await page.getByRole("button", { name: "New property" }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "New property" });
  await expect(form.getByLabel("Name")).toBeVisible();
  await form.getByLabel("Name").focus();
  await page.keyboard.type("Acme Keyboard Cottage");
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Address")).toBeFocused();
  await page.keyboard.type("7 Key Street");
  await page.keyboard.press("Tab");
  await expect(form.getByLabel(/Price/)).toBeFocused();
  await page.keyboard.type("175000");
  await page.keyboard.press("Enter");
  await expect(form).toHaveCount(0);
  // The new property opens on its own page; from the list, the keyboard opens it too.
  await expect(page.getByRole("heading", { level: 1, name: "Acme Keyboard Cottage" })).toBeVisible();
  await page.goto(`${acme}/dashboard`);
  const link = page.getByRole("link", { name: "Acme Keyboard Cottage" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Keyboard Cottage" })).toBeVisible();

  const trigger = page.getByRole("button", { name: "Delete property" });
  // focus() does not wait for the button to work: wait until it is enabled (hydrated).
  await expect(trigger).toBeEnabled();
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Delete “Acme Keyboard Cottage”?" });
  await expect(dialog).toBeVisible();
  // Focus starts inside the dialog on the safe choice and stays there.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Keyboard Cottage" })).toBeVisible();
});
