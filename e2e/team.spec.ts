import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eServer, GLOBEX, STARK } from "./fixture";
import { signIn } from "./support/sign-in";

const { port } = e2eServer();
const stark = `http://${STARK.slug}.localhost:${port}`;
const outbox = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");

async function inviteLinkFor(email: string): Promise<string> {
  const file = (await readdir(outbox)).find((name) => name.includes(email));
  if (!file) throw new Error(`no mail to ${email} in ${outbox}`);
  const mail = (await readFile(path.join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

/** The link of the newest invitation mail to this address (outbox files are named by their send time). */
async function latestInviteLinkFor(email: string): Promise<string> {
  const file = (await readdir(outbox)).filter((name) => name.includes(email)).sort().at(-1);
  if (!file) throw new Error(`no mail to ${email} in ${outbox}`);
  const mail = (await readFile(path.join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /http:\/\/\S+\/accept-invite\?token=[\w-]+/.exec(mail)![0];
}

async function openTeamAsOwner(page: Page): Promise<void> {
  await signIn(page, stark, STARK.owner);
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByTestId("seats")).toHaveText(/^\d+ of 50 seats used$/);
}

async function inviteFromTeamPage(page: Page, email: string, role: string): Promise<void> {
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
}

/** Opens an invitation link in a fresh browser context and chooses a password; returns that page to check the answer. */
async function followInviteLink(browser: Browser, link: string, password: string): Promise<Page> {
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await invitee.getByLabel("New password (at least 12 characters)").fill(password);
  await invitee.getByLabel("Repeat the password").fill(password);
  await invitee.getByRole("button", { name: "Set password" }).click();
  return invitee;
}

test("an owner invites a member by mail, who accepts, signs in and appears active; globex never sees them", async ({ page, browser }) => {
  await signIn(page, stark, STARK.owner);
  await page.getByRole("link", { name: "Team" }).click();

  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill("pepper at stark");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.locator("#email-error")).toBeVisible();
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("member").filter({ hasText: "pepper at stark" })).toHaveCount(0);
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
  await signIn(inviteePage, stark, { email: "pepper@stark.test", password: "pepper potts password" });
  await expect(inviteePage).toHaveURL(`${stark}/dashboard`);
  await expect(inviteePage.getByTestId("signed-in-email")).toHaveText("pepper@stark.test");
  await invitee.close();

  await page.reload();
  await expect(page.getByTestId("member").filter({ hasText: "pepper@stark.test" }).getByTestId("member-status")).toHaveText("active");
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByTestId("activity-row").filter({ hasText: "team.invited" }).first()).toBeVisible();

  const globexLogin = await browser.newPage();
  await signIn(globexLogin, `http://${GLOBEX.slug}.localhost:${port}`, { email: "pepper@stark.test", password: "pepper potts password" });
  await expect(globexLogin.locator("form [role=alert]")).toHaveText("Wrong email or password");
});

test("an owner re-sends an invitation: the new link works, the one sent before does not", async ({ page, browser }) => {
  await openTeamAsOwner(page);
  await inviteFromTeamPage(page, "happy@stark.test", "viewer");
  const oldLink = await latestInviteLinkFor("happy@stark.test");

  const row = page.getByTestId("member").filter({ hasText: "happy@stark.test" });
  await row.getByRole("button", { name: "Re-send invitation" }).click();
  await expect(row.getByRole("status")).toHaveText("A new invitation was sent to happy@stark.test; earlier links no longer work.");
  const newLink = await latestInviteLinkFor("happy@stark.test");
  expect(newLink).not.toBe(oldLink);

  const withOldLink = await followInviteLink(browser, oldLink, "happy hogan password");
  await expect(withOldLink.locator("form [role=alert]")).toHaveText("This link is invalid, already used or expired. Ask for a new one.");
  await withOldLink.context().close();
  const withNewLink = await followInviteLink(browser, newLink, "happy hogan password");
  await expect(withNewLink.getByRole("status")).toContainText("Your password is set");
  await withNewLink.context().close();

  await page.reload();
  await expect(row.getByTestId("member-status")).toHaveText("active");
  await expect(row.getByRole("button", { name: "Re-send invitation" })).toHaveCount(0);
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByTestId("activity-row").filter({ hasText: "team.invite_resent" }).first()).toBeVisible();
});

test("an owner deactivates a member, who can no longer sign in, then reactivates them, who can", async ({ page, browser }) => {
  await openTeamAsOwner(page);
  await inviteFromTeamPage(page, "rhodey@stark.test", "agent");
  const accepted = await followInviteLink(browser, await latestInviteLinkFor("rhodey@stark.test"), "war machine password");
  await expect(accepted.getByRole("status")).toContainText("Your password is set");
  await accepted.context().close();

  await page.reload();
  const row = page.getByTestId("member").filter({ hasText: "rhodey@stark.test" });
  await expect(row.getByTestId("member-status")).toHaveText("active");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("alertdialog", { name: "Deactivate rhodey@stark.test?" }).getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByTestId("member-status")).toHaveText("disabled");

  const member = await (await browser.newContext()).newPage();
  await signIn(member, stark, { email: "rhodey@stark.test", password: "war machine password" });
  await expect(member.locator("form [role=alert]")).toHaveText("Wrong email or password");

  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByRole("status")).toHaveText("rhodey@stark.test is reactivated.");
  await expect(row.getByTestId("member-status")).toHaveText("active");
  await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();

  await signIn(member, stark, { email: "rhodey@stark.test", password: "war machine password" });
  await expect(member).toHaveURL(`${stark}/dashboard`);
  await expect(member.getByTestId("signed-in-email")).toHaveText("rhodey@stark.test");
  await member.context().close();
});
