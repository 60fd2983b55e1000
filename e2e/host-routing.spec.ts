import { expect, test } from "@playwright/test";
import { ACME, e2eServer, EMPTY, GLOBEX, SUSPENDED } from "./fixture";
import { getWithHost, getWithHostFollowingRedirects } from "./host-request";

const { port, tenantIds } = e2eServer();
const apex = `localhost:${port}`;
const acmeHost = `${ACME.slug}.localhost:${port}`;
const globexHost = `${GLOBEX.slug}.localhost:${port}`;

const EVERY_TENANT_TEXT = [ACME.name, ...ACME.properties, GLOBEX.name, ...GLOBEX.properties, SUSPENDED.name, SUSPENDED.property, EMPTY.name];
const ACME_TEXT = [ACME.name, ...ACME.properties];
const GLOBEX_TEXT = [GLOBEX.name, ...GLOBEX.properties];

function expectNone(body: string, texts: readonly string[]): void {
  for (const text of texts) expect(body, `must not contain "${text}"`).not.toContain(text);
}

function expectAll(body: string, texts: readonly string[]): void {
  for (const text of texts) expect(body).toContain(text);
}

function expectAcmeHome(response: { status: number; body: string }): void {
  expect(response.status).toBe(200);
  expectAll(response.body, ACME_TEXT);
  expectNone(response.body, [...GLOBEX_TEXT, SUSPENDED.name, SUSPENDED.property]);
}

test.describe("tenant hosts", () => {
  test("acme's subdomain shows Acme Realty and only its properties", async () => {
    expectAcmeHome(await getWithHost(acmeHost));
  });

  test("globex's subdomain shows Globex Properties and only its properties", async () => {
    const response = await getWithHost(globexHost);
    expect(response.status).toBe(200);
    expectAll(response.body, GLOBEX_TEXT);
    expectNone(response.body, [...ACME_TEXT, SUSPENDED.name, SUSPENDED.property]);
  });

  test("acme's custom domain moves staff pages to acme's workspace host (308) and has no staff API (404)", async () => {
    const dashboard = await getWithHost(`${ACME.customDomain}:${port}`, "/dashboard/properties?page=2");
    expect(dashboard.status).toBe(308);
    expect(dashboard.headers.location).toBe(`http://${acmeHost}/dashboard/properties?page=2`);
    const invite = await getWithHost(`${ACME.customDomain}:${port}`, "/accept-invite?token=abc");
    expect(invite.status).toBe(308);
    expect(invite.headers.location).toBe(`http://${acmeHost}/accept-invite?token=abc`);
    for (const path of ["/api/v1/properties", "/api/v1/members", "/api/auth/token"]) {
      const api = await getWithHost(`${ACME.customDomain}:${port}`, path);
      expect(api.status, path).toBe(404);
      expect(JSON.parse(api.body)).toMatchObject({ error: "not_found", message: expect.stringContaining(acmeHost) });
      expectNone(api.body, ACME.properties);
    }
    // The workspace host serves them as before.
    expect((await getWithHost(acmeHost, "/api/v1/properties")).status).toBe(401);
  });

  test("a tenant API answer does not carry the rewrite target, which names the tenant's internal id", async () => {
    for (const path of ["/api/v1/properties", "/api/tenant/branding"]) {
      const answer = await getWithHost(acmeHost, path);
      expect(answer.headers["x-middleware-rewrite"], path).toBeUndefined();
      expect(JSON.stringify(answer.headers), path).not.toContain(tenantIds.acme);
    }
  });

  test("acme's verified custom domain shows Acme, with or without the port", async () => {
    expectAcmeHome(await getWithHost(`${ACME.customDomain}:${port}`));
    expectAcmeHome(await getWithHost(ACME.customDomain));
  });

  test("a suspended tenant answers 403 saying it is unavailable (visitors never learn why), without its data", async () => {
    const response = await getWithHost(`${SUSPENDED.slug}.localhost:${port}`);
    expect(response.status).toBe(403);
    // Server-rendered: the heading is in the HTML itself, not only in the inlined RSC data.
    expect(response.body).toMatch(/<h1[^>]*>This site is temporarily unavailable<\/h1>/);
    expect(response.body).not.toContain(SUSPENDED.property);
    expectNone(response.body, [...ACME_TEXT, ...GLOBEX_TEXT]);
  });
});

test.describe("platform hosts", () => {
  test("the apex shows the landing page and no tenant", async () => {
    const response = await getWithHost(apex);
    expect(response.status).toBe(200);
    expect(response.body).toContain("Property management for agencies, under your own brand");
    expectNone(response.body, EVERY_TENANT_TEXT);
  });

  test("www on the apex is the landing page too", async () => {
    const response = await getWithHost(`www.localhost:${port}`);
    expect(response.status).toBe(200);
    expect(response.body).toContain("Property management for agencies, under your own brand");
  });

  test("the admin host asks for a platform admin's sign-in and shows no tenant", async () => {
    const response = await getWithHostFollowingRedirects(`admin.localhost:${port}`);
    expect(response.path).toBe("/login");
    expect(response.status).toBe(200);
    expect(response.body).toContain("Asset Anchor admin");
    expectNone(response.body, EVERY_TENANT_TEXT);
  });
});

test.describe("hosts that are nobody's", () => {
  for (const [label, host] of [
    ["an unknown subdomain", `nope.localhost:${port}`],
    ["an unknown host", "evil.example"],
    ["a reserved subdomain", `api.localhost:${port}`],
    ["an unverified custom domain", GLOBEX.unverifiedDomain],
    ["an unverified custom domain with the port", `${GLOBEX.unverifiedDomain}:${port}`],
    ["a bare IP address", `127.0.0.1:${port}`],
  ] as const) {
    test(`${label} (${host}) answers 404`, async () => {
      const response = await getWithHost(host);
      expect(response.status).toBe(404);
      expect(response.body).toContain("Page not found");
      expectNone(response.body, EVERY_TENANT_TEXT);
    });
  }
});

test.describe("a path cannot reach another surface", () => {
  const acmeRoutes = [`/t/${tenantIds.acme}`, `/t/${tenantIds.acme}/`, "/acme", "/apex", `/apex/t/${tenantIds.acme}`, "/admin"];
  for (const path of acmeRoutes) {
    test(`apex ${path} answers 404, never Acme`, async () => {
      const response = await getWithHostFollowingRedirects(apex, path);
      expect(response.status).toBe(404);
      expectNone(response.body, EVERY_TENANT_TEXT);
    });
  }

  test("admin /t/<acme id> answers 404", async () => {
    const response = await getWithHostFollowingRedirects(`admin.localhost:${port}`, `/t/${tenantIds.acme}`);
    expect(response.status).toBe(404);
    expectNone(response.body, EVERY_TENANT_TEXT);
  });

  test("globex /t/<acme id> answers 404, never Acme", async () => {
    const response = await getWithHostFollowingRedirects(globexHost, `/t/${tenantIds.acme}`);
    expect(response.status).toBe(404);
    expectNone(response.body, ACME_TEXT);
  });
});

test.describe("client-sent routing headers are ignored", () => {
  test("X-Forwarded-Host of a tenant on the apex still gets the landing page", async () => {
    const response = await getWithHost(apex, "/", { "x-forwarded-host": acmeHost });
    expect(response.status).toBe(200);
    expect(response.body).toContain("Property management for agencies, under your own brand");
    expectNone(response.body, EVERY_TENANT_TEXT);
  });

  test("X-Forwarded-Host of acme on globex's host still gets globex", async () => {
    const response = await getWithHost(globexHost, "/", { "x-forwarded-host": acmeHost });
    expect(response.status).toBe(200);
    expectAll(response.body, GLOBEX_TEXT);
    expectNone(response.body, ACME_TEXT);
  });

  test("X-Forwarded-Host of acme on an unknown host still answers 404", async () => {
    const response = await getWithHost("evil.example", "/", { "x-forwarded-host": acmeHost });
    expect(response.status).toBe(404);
    expectNone(response.body, ACME_TEXT);
  });

  test("x-anchor-tenant-id naming acme is ignored on the apex and on globex's host", async () => {
    const onApex = await getWithHost(apex, "/", { "x-anchor-tenant-id": tenantIds.acme });
    expect(onApex.status).toBe(200);
    expectNone(onApex.body, EVERY_TENANT_TEXT);

    const onGlobex = await getWithHost(globexHost, "/", { "x-anchor-tenant-id": tenantIds.acme, "x-anchor-surface": "tenant" });
    expect(onGlobex.status).toBe(200);
    expectAll(onGlobex.body, GLOBEX_TEXT);
    expectNone(onGlobex.body, ACME_TEXT);
  });

  test("every response carries a fresh request id, not the client's", async () => {
    const first = await getWithHost(acmeHost, "/", { "x-request-id": "client-chosen-id" });
    const second = await getWithHost(acmeHost);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(first.headers["x-request-id"]).toMatch(uuid);
    expect(second.headers["x-request-id"]).toMatch(uuid);
    expect(first.headers["x-request-id"]).not.toBe(second.headers["x-request-id"]);
  });
});
