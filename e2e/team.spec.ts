import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eServer, GLOBEX, STARK } from "./fixture";

const { port } = e2eServer();
const stark = `http://${STARK.slug}.localhost:${port}`;
const outbox = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");

async function inviteLinkFor(email: string): Promise<string> {
  const file = (await readdir(outbox)).find((name) => name.includes(email));
  if (!file) throw new Error(`no mail to ${email} in ${outbox}`);
  const mail = (await readFile(path.join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

test("an owner invites a member by mail, who accepts, signs in and appears active; globex never sees them", async ({ page, browser }) => {
  await page.goto(`${stark}/login`);
  await page.getByLabel("Email").fill(STARK.owner.email);
  await page.getByLabel("Password").fill(STARK.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Team" }).click();

  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill("pepper@stark.test");
  await form.getByLabel("Role").selectOption("manager");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText("Invitation sent to pepper@stark.test.");
  const invited = page.getByTestId("member").filter({ hasText: "pepper@stark.test" });
  await expect(invited.getByTestId("member-status")).toHaveText("invited");

  const link = await inviteLinkFor("pepper@stark.test");
  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link);
  await inviteePage.getByLabel("New password (at least 12 characters)").fill("pepper potts password");
  await inviteePage.getByLabel("Repeat the password").fill("pepper potts password");
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.getByRole("status")).toContainText("Your password is set");
  await inviteePage.goto(`${stark}/login`);
  await inviteePage.getByLabel("Email").fill("pepper@stark.test");
  await inviteePage.getByLabel("Password").fill("pepper potts password");
  await inviteePage.getByRole("button", { name: "Sign in" }).click();
  await expect(inviteePage).toHaveURL(`${stark}/dashboard`);
  await expect(inviteePage.getByTestId("signed-in-email")).toHaveText("pepper@stark.test");
  await invitee.close();

  await page.reload();
  await expect(page.getByTestId("member").filter({ hasText: "pepper@stark.test" }).getByTestId("member-status")).toHaveText("active");
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByTestId("activity-row").filter({ hasText: "team.invited" }).first()).toBeVisible();

  const globexLogin = await browser.newPage();
  await globexLogin.goto(`http://${GLOBEX.slug}.localhost:${port}/login`);
  await globexLogin.getByLabel("Email").fill("pepper@stark.test");
  await globexLogin.getByLabel("Password").fill("pepper potts password");
  await globexLogin.getByRole("button", { name: "Sign in" }).click();
  await expect(globexLogin.locator("form [role=alert]")).toHaveText("Wrong email or password");
});
