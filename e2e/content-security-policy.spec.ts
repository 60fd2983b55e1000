import { expect, test } from "@playwright/test";
import { ACME, e2eServer, SOYLENT } from "./fixture";
import { getWithHost } from "./host-request";

const { port } = e2eServer();
const acmeHost = `${ACME.slug}.localhost:${port}`;

function scriptSrc(policy: string): string {
  return policy.split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";
}

test("every page sends a CSP whose nonce is on each of the page's scripts, fresh per request", async () => {
  const first = await getWithHost(acmeHost);
  const second = await getWithHost(acmeHost);
  const policy = String(first.headers["content-security-policy"]);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc(policy))?.[1];
  expect(nonce).toBeTruthy();
  expect(scriptSrc(policy)).not.toContain("unsafe-inline");
  expect(String(second.headers["content-security-policy"])).not.toContain(nonce!);

  const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

test("the apex and the admin host send a CSP too", async () => {
  for (const host of [`localhost:${port}`, `admin.localhost:${port}`]) {
    const response = await getWithHost(host);
    expect(scriptSrc(String(response.headers["content-security-policy"]))).toMatch(/^script-src 'self' 'nonce-[^']+'$/);
  }
});

test("a client-sent nonce header is ignored", async () => {
  const response = await getWithHost(acmeHost, "/", { "x-anchor-nonce": "attacker" });
  expect(response.body).not.toContain('nonce="attacker"');
});

test("the tenant's colours are in the first HTML, on <html>", async () => {
  const response = await getWithHost(acmeHost);
  expect(response.body).toMatch(/<html[^>]*style="--primary-color:#[0-9a-f]{6};--secondary-color:#[0-9a-f]{6}"/);
});

test("the page works under its CSP in Chromium: no violations reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await page.goto(`http://${acmeHost}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Properties" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a portal photo keeps its own locked-down CSP: the proxy does not replace it with the page policy", async () => {
  const soylentHost = `${SOYLENT.slug}.localhost:${port}`;
  const listed = JSON.parse((await getWithHost(soylentHost, "/api/portal/properties")).body) as { data: { name: string; photoUrl: string | null }[] };
  const photoUrl = listed.data.find((property) => property.photoUrl)?.photoUrl;
  expect(photoUrl).toMatch(/^\/api\/portal\/photos\//);
  const photo = await getWithHost(soylentHost, photoUrl!);
  expect(photo.status).toBe(200);
  expect(photo.headers["content-type"]).toBe("image/png");
  expect(photo.headers["content-security-policy"]).toBe("default-src 'none'");
  // Pages still get the page policy.
  expect(scriptSrc(String((await getWithHost(soylentHost, "/")).headers["content-security-policy"]))).toMatch(/^script-src 'self' 'nonce-/);
});

test("JSON APIs get a policy that allows nothing and no nonce", async () => {
  for (const path of ["/api/tenant/branding", "/api/portal/properties"]) {
    const response = await getWithHost(acmeHost, path);
    expect(response.status).toBe(200);
    expect(response.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  const apex = await getWithHost(`localhost:${port}`, "/api/bench-floor");
  expect(apex.body).toBe('{"ok":true}');
  expect(apex.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
