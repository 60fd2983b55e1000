import { expect, test } from "@playwright/test";
import { e2eServer, WONKA } from "./fixture";
import { signInToDashboard } from "./support/sign-in";
import { tinyPng } from "./support/tiny-png";

const { port } = e2eServer();
const wonka = `http://${WONKA.slug}.localhost:${port}`;

test("staff choose, order and cover listing photos; an uploaded image stays private until chosen", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const name = `Wonka Photo House ${Date.now().toString(36)}`;
  await signInToDashboard(page, wonka, WONKA.owner);
  await page.getByRole("button", { name: "New property" }).click();
  const create = page.getByRole("form", { name: "New property" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Address").fill("1 Chocolate Row");
  await create.getByLabel("Price").fill("300000");
  await create.getByLabel("Publish to the portal").check();
  await create.getByRole("button", { name: "Create property" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await expect(page.getByLabel("Upload document")).toBeEnabled();
  for (const [file, colour] of [["front.png", [200, 40, 40]], ["garden.png", [40, 160, 60]], ["id-scan.png", [90, 90, 90]]] as const) {
    await page.getByLabel("Upload document").setInputFiles({ name: file, mimeType: "image/png", buffer: Buffer.from(tinyPng(40, 30, [colour[0], colour[1], colour[2]])) });
    await expect(page.getByTestId("document").filter({ hasText: file })).toBeVisible();
  }

  // Uploaded, not chosen: the portal shows no photo at all.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${wonka}/`);
  const card = visitor.getByRole("article", { name });
  await expect(card.getByTestId("photo-placeholder")).toBeVisible();

  const privateImages = page.getByRole("list", { name: "Private images" });
  const listing = page.getByRole("list", { name: "Listing photos" });
  await privateImages.getByRole("button", { name: "Add front.png to the listing" }).click();
  await expect(listing.getByRole("listitem")).toHaveCount(1);
  await privateImages.getByRole("button", { name: "Add garden.png to the listing" }).click();
  await expect(listing.getByRole("listitem")).toHaveCount(2);
  await listing.getByRole("button", { name: "Make garden.png the cover" }).click();
  await expect(listing.getByRole("listitem").first()).toContainText("garden.png");
  await expect(privateImages.getByRole("button", { name: "Add id-scan.png to the listing" })).toBeVisible();

  await visitor.reload();
  const cover = card.getByRole("img", { name: `Photo of ${name}` });
  await expect(cover).toBeVisible();
  await card.getByRole("link", { name }).click();
  const gallery = visitor.getByRole("region", { name: "Photos" });
  await expect(gallery.getByTestId("gallery-thumbnails").getByRole("link")).toHaveCount(2);
  const sources = await gallery.getByTestId("gallery-thumbnails").locator("img").evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
  // The cover comes first; the unchosen scan is in no public URL of the listing.
  expect(await gallery.getByRole("img", { name: `Photo of ${name}` }).getAttribute("src")).toBe(new URL(sources[0]!).pathname);
  expect(await visitor.content()).not.toContain("id-scan");
  const pixels = await visitor.evaluate(async (src) => {
    const bitmap = await createImageBitmap(await (await fetch(src)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d")!;
    context.drawImage(bitmap, 0, 0);
    return Array.from(context.getImageData(1, 1, 1, 1).data.slice(0, 3));
  }, sources[0]!);
  expect(pixels).toEqual([40, 160, 60]);
});
