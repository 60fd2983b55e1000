import http from "node:http";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACME, ACME_OWNER, GLOBEX, GLOBEX_OWNER, e2eServer } from "./fixture";
import { signInToDashboard } from "./support/sign-in";

const { port } = e2eServer();
const acme = `http://${ACME.slug}.localhost:${port}`;
const globex = `http://${GLOBEX.slug}.localhost:${port}`;
const outbox = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "outbox");

/** A request to the e2e server naming `host` (Node cannot resolve *.localhost), with the given headers. */
function requestWithHost(method: string, host: string, requestPath: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method, path: requestPath, headers: { ...headers, host, ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}) } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Every decoded mail to this address whose text contains `marker`. */
async function mailsTo(email: string, marker: string): Promise<string[]> {
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((name) => name.includes(`-${email}-`));
  const mails = await Promise.all(files.map(async (file) => (await readFile(path.join(outbox, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
  return mails.filter((mail) => mail.includes(marker));
}

test("an enquiry mails staff and the visitor in the tenant's name; staff see the phone, add a note, assign and set a status; globex can do none of it", async ({ page, browser }) => {
  test.setTimeout(120_000); // Two tenants' sign-ins and a dozen page loads in one flow.
  const visitor = `Lena Lead ${Date.now().toString(36)}`;
  const visitorEmail = `lena-${Date.now().toString(36)}@example.test`;
  await page.goto(`${acme}/`);
  await page.getByRole("link", { name: ACME.properties[0] }).click();
  const form = page.getByRole("form", { name: "Enquire about this property" });
  await form.getByLabel("Your name").fill(visitor);
  await form.getByLabel("Email").fill(visitorEmail);
  await form.getByLabel("Phone").fill("+44 20 7946 0958");
  await form.getByLabel("Message").fill("Could I see it next Tuesday?");
  await form.getByRole("button", { name: "Send enquiry" }).click();
  // The answer waits for the mails (rendered on a machine that may be busy).
  await expect(page.getByRole("status")).toContainText("we received your enquiry", { timeout: 20_000 });

  await expect.poll(async () => (await mailsTo(ACME_OWNER.email, visitor)).length).toBe(1);
  const [staffMail] = await mailsTo(ACME_OWNER.email, visitor);
  expect(staffMail).toContain(`From: ${ACME.name}`);
  expect(staffMail).toContain(`${ACME.name}: new enquiry from ${visitor}`);
  expect(staffMail).toContain("+44 20 7946 0958");
  expect(staffMail).not.toMatch(/asset anchor/i);
  await expect.poll(async () => (await mailsTo(visitorEmail, "Could I see it next Tuesday?")).length).toBe(1);
  const [ack] = await mailsTo(visitorEmail, "Could I see it next Tuesday?");
  expect(ack).toContain(`From: ${ACME.name}`);
  expect(ack).toContain(`${ACME.name} received your enquiry`);
  expect(ack).not.toMatch(/asset anchor/i);

  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signInToDashboard(staffPage, acme, ACME_OWNER);
  await staffPage.getByRole("link", { name: "Leads" }).click();
  const lead = staffPage.getByTestId("lead").filter({ hasText: visitor });
  await expect(lead.getByRole("link", { name: visitorEmail })).toHaveAttribute("href", `mailto:${visitorEmail}`);
  await expect(lead.getByRole("link", { name: "+44 20 7946 0958" })).toHaveAttribute("href", "tel:+442079460958");
  await lead.getByRole("link", { name: visitor }).click();
  await expect(staffPage.getByRole("heading", { level: 1, name: `Enquiry from ${visitor}` })).toBeVisible();
  const leadUrl = staffPage.url();

  const noteForm = staffPage.getByRole("form", { name: "Add a note" });
  await noteForm.getByRole("button", { name: "Add note" }).click();
  await expect(noteForm.getByRole("alert")).toHaveText("Write a note");
  await noteForm.getByLabel("Note").fill("Left a voicemail, will call again.");
  await noteForm.getByRole("button", { name: "Add note" }).click();
  await expect(staffPage.getByTestId("lead-note")).toContainText("Left a voicemail, will call again.");
  await expect(staffPage.getByTestId("lead-note")).toContainText(ACME_OWNER.email);

  const workflow = staffPage.getByRole("form", { name: "Lead workflow" });
  await workflow.getByLabel("Assigned to").selectOption({ label: ACME_OWNER.email });
  await expect(workflow.getByRole("status")).toHaveText("Assignee saved.");
  await expect(staffPage.getByTestId("lead-assignee")).toHaveText(ACME_OWNER.email);
  await workflow.getByLabel("Status").selectOption({ label: "Contacted" });
  await expect(workflow.getByRole("status")).toHaveText("Status saved.");
  await expect(staffPage.getByTestId("lead-status")).toHaveText("Contacted");
  await staffPage.reload();
  await expect(staffPage.getByTestId("lead-status")).toHaveText("Contacted");
  await expect(staffPage.getByRole("form", { name: "Lead workflow" }).getByLabel("Status")).toHaveValue("contacted");
  await staff.close();

  // Globex's owner: their session on acme's host is refused, acme's lead id is no page on their own host.
  const globexContext = await browser.newContext();
  const other = await globexContext.newPage();
  await signInToDashboard(other, globex, GLOBEX_OWNER);
  const leadPath = new URL(leadUrl).pathname;
  expect((await other.goto(`${globex}${leadPath}`))?.status()).toBe(404);
  await expect(other.getByText(visitor)).toHaveCount(0);
  const cookie = (await globexContext.cookies(globex)).map(({ name, value }) => `${name}=${value}`).join("; ");
  const leadId = leadPath.split("/").at(-1)!;
  const acmeHost = `${ACME.slug}.localhost:${port}`;
  const globexHost = `${GLOBEX.slug}.localhost:${port}`;
  const foreignRead = await requestWithHost("GET", acmeHost, `/api/v1/leads/${leadId}`, { cookie });
  expect(foreignRead.status).toBe(403);
  expect(foreignRead.body).not.toContain(visitor);
  const foreignChange = await requestWithHost("PATCH", acmeHost, `/api/v1/leads/${leadId}`, { cookie, origin: acme }, { status: "closed" });
  expect(foreignChange.status).toBe(403);
  const foreignNote = await requestWithHost("POST", acmeHost, `/api/v1/leads/${leadId}/notes`, { cookie, origin: acme }, { body: "from globex" });
  expect(foreignNote.status).toBe(403);
  const ownHost = await requestWithHost("PATCH", globexHost, `/api/v1/leads/${leadId}`, { cookie, origin: globex }, { status: "closed" });
  expect(ownHost.status).toBe(404);
  await globexContext.close();

  const check = await browser.newContext();
  const checkPage = await check.newPage();
  await signInToDashboard(checkPage, acme, ACME_OWNER);
  await checkPage.goto(leadUrl);
  await expect(checkPage.getByTestId("lead-status")).toHaveText("Contacted");
  await expect(checkPage.getByTestId("lead-note")).toHaveCount(1);
  await check.close();
});
