import { expect, test } from "@playwright/test";
import { e2eServer, PEMBERTON } from "./fixture";

const { port } = e2eServer();
const pemberton = `http://${PEMBERTON.slug}.localhost:${port}`;

test.describe("portal details", () => {
  test("a listing shows beds, baths, area, description and a gallery of every chosen photo", async ({ page }) => {
    await page.goto(pemberton);
    const card = page.getByRole("article", { name: PEMBERTON.listing.name });
    await expect(card).toContainText("3 bedrooms");
    await expect(card).toContainText("2.5 bathrooms");
    await expect(card).toContainText("120.5 m²");
    await card.getByRole("link", { name: PEMBERTON.listing.name }).click();

    const details = page.locator("dl");
    await expect(details).toContainText("Bedrooms3");
    await expect(details).toContainText("Bathrooms2.5");
    await expect(details).toContainText("Area120.5 m²");
    await expect(page.getByText(PEMBERTON.listing.description)).toBeVisible();
    const gallery = page.getByRole("region", { name: "Photos" });
    const main = gallery.getByRole("img", { name: `Photo of ${PEMBERTON.listing.name}` });
    const thumbnails = gallery.getByTestId("gallery-thumbnails").getByRole("link");
    await expect(thumbnails).toHaveCount(3);
    const cover = await main.getAttribute("src");
    await expect(thumbnails.first()).toHaveAttribute("aria-current", "true");
    await thumbnails.nth(2).click();
    await expect(thumbnails.nth(2)).toHaveAttribute("aria-current", "true");
    await expect(main).not.toHaveAttribute("src", cover!);
    // From the page itself: Node cannot resolve *.localhost.
    const contentType = await page.evaluate(async (src) => (await fetch(src)).headers.get("content-type"), (await main.getAttribute("src"))!);
    expect(contentType).toBe("image/png");
  });

  test("signed out: Sign in returns to the listing; signed in: no sign-up link and the enquiry is prefilled", async ({ page }) => {
    await page.goto(pemberton);
    await page.getByRole("article", { name: PEMBERTON.listing.name }).getByRole("link", { name: PEMBERTON.listing.name }).click();
    const listingUrl = page.url();
    const account = page.getByRole("navigation", { name: "Account" });
    await expect(account.getByRole("link", { name: "Create an account" })).toBeVisible();
    await account.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(PEMBERTON.customer.email);
    await page.getByLabel("Password").fill(PEMBERTON.customer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(listingUrl, { timeout: 15_000 });

    await expect(account.getByTestId("signed-in-as")).toHaveText(`Signed in as ${PEMBERTON.customer.email}`);
    await expect(account.getByRole("link", { name: "Create an account" })).toHaveCount(0);
    await expect(account.getByRole("link", { name: "Sign in" })).toHaveCount(0);
    const form = page.getByRole("form", { name: "Enquire about this property" });
    await expect(form.getByLabel("Email")).toHaveValue(PEMBERTON.customer.email);

    await account.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto(listingUrl);
    await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(form.getByLabel("Email")).toHaveValue("");
  });
});
