import { hkdfSync, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken, signApiToken } from "@/lib/auth/api-token";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { signOutEverywhere } from "@/lib/auth/set-password";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute, type RouteCall } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import * as collection from "@/app/t/[tenantId]/api/v1/properties/route";
import * as item from "@/app/t/[tenantId]/api/v1/properties/[id]/route";

async function tokenFor(user: SeededUser): Promise<string> {
  const { accessToken } = await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 });
  return accessToken;
}

const NEW_PROPERTY = { name: "Canal House", address: "9 Lock Lane", price: 320000, type: "house", bedrooms: 3 };

describe("/api/v1/properties", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let acmeAgent: SeededUser;
  let acmeViewer: SeededUser;
  let globexOwner: SeededUser;
  let acmeHost: string;
  let globexHost: string;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    acmeAgent = await seedUser(acme.id, "agent");
    acmeViewer = await seedUser(acme.id, "viewer");
    globexOwner = await seedUser(globex.id, "owner");
    acmeHost = `${acme.slug}.localhost:3000`;
    globexHost = `${globex.slug}.localhost:3000`;
  });

  const list = (call: Partial<RouteCall>) => callRoute(collection.GET, { host: acmeHost, path: "/api/v1/properties", ...call });

  describe("tenant context", () => {
    it("a token of tenant 1 on tenant 2's host → 403 and a tenant_context_mismatch security event", async () => {
      const token = await tokenFor(acmeAgent);
      const response = await callRoute(collection.GET, { host: globexHost, path: "/api/v1/properties", token });
      expect(response).toEqual({ status: 403, json: { error: "forbidden", message: "Your credentials belong to another workspace" } });
      const event = await sharedDb().auditLog.findFirst({ where: { action: "security.tenant_context_mismatch", actorUserId: acmeAgent.id } });
      expect(event).toMatchObject({ tenantId: globex.id, ip: "203.0.113.7", target: "/api/v1/properties" });
      expect(event?.metadata).toMatchObject({ userId: acmeAgent.id, expectedTenant: globex.id, actualTenant: acme.id, path: "/api/v1/properties" });
    });

    it("the same holds for a session cookie, and for platform admins", async () => {
      const cookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: acmeAgent.id, tid: acme.id, role: "agent", sv: 0, email: acmeAgent.email })}`;
      expect((await list({ cookie })).status).toBe(200);
      expect((await list({ host: globexHost, cookie })).status).toBe(403);
      const admin = await seedUser(null, "platform_admin");
      const adminCookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: admin.id, tid: null, role: "platform_admin", sv: 0, email: admin.email })}`;
      expect((await list({ cookie: adminCookie })).status).toBe(403);
    });

    it("hosts without a tenant → 400 invalid_tenant_context; unknown hosts → 404", async () => {
      const token = await tokenFor(acmeAgent);
      expect(await list({ host: "localhost:3000", token })).toMatchObject({ status: 400, json: { error: "invalid_tenant_context" } });
      expect(await list({ host: "admin.localhost:3000", token })).toMatchObject({ status: 400, json: { error: "invalid_tenant_context" } });
      expect((await list({ host: "nobody-here.localhost:3000", token })).status).toBe(404);
    });

    it("a route param naming another tenant → 404", async () => {
      const token = await tokenFor(acmeAgent);
      expect((await list({ token, params: { tenantId: globex.id } })).status).toBe(404);
      expect((await list({ token, params: { tenantId: acme.id } })).status).toBe(200);
    });

    it("a suspended tenant's users → 403", async () => {
      const tenant = await seedTenant();
      const user = await seedUser(tenant.id, "owner");
      const token = await tokenFor(user);
      await setTenantStatus(tenant.slug, "suspended");
      expect(await list({ host: `${tenant.slug}.localhost:3000`, token })).toMatchObject({ status: 403, json: { error: "tenant_suspended" } });
    });

    it("refuses cookie-authenticated writes from another origin (CSRF)", async () => {
      const cookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: acmeAgent.id, tid: acme.id, role: "agent", sv: 0, email: acmeAgent.email })}`;
      const foreign = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", cookie, origin: "http://evil.example", body: NEW_PROPERTY });
      expect(foreign.status).toBe(403);
      const own = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", cookie, origin: `http://${acmeHost}`, body: NEW_PROPERTY });
      expect(own.status).toBe(201);
    });
  });

  describe("token forgery", () => {
    const signWith = (key: Uint8Array, claims: Record<string, unknown>, alg = "HS256") =>
      new SignJWT(claims).setProtectedHeader({ alg }).setIssuer("asset-anchor").setIssuedAt().setExpirationTime("1h").setJti(randomUUID()).sign(key);

    it.each([
      ["missing", async () => undefined],
      ["garbage", async () => "not-a-jwt"],
      [
        "expired",
        async () => {
          const iat = Math.floor(Date.now() / 1000) - 7200;
          return signApiToken({ sub: acmeAgent.id, tenant_id: acme.id, role: "agent", sv: 0, iat, exp: iat + 3600, jti: randomUUID() });
        },
      ],
      [
        "tampered payload",
        async () => {
          const [header, payload, signature] = (await tokenFor(acmeViewer)).split(".");
          const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
          return [header, Buffer.from(JSON.stringify({ ...claims, role: "owner" })).toString("base64url"), signature].join(".");
        },
      ],
      [
        "wrong key",
        async () => signWith(new Uint8Array(hkdfSync("sha256", "another-secret-entirely-0123456789", "", "asset-anchor api token v1", 32)), { sub: acmeAgent.id, tenant_id: acme.id, role: "agent", sv: 0 }),
      ],
      [
        "alg none",
        async () => {
          const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
          const now = Math.floor(Date.now() / 1000);
          const payload = Buffer.from(JSON.stringify({ sub: acmeAgent.id, tenant_id: acme.id, role: "owner", sv: 0, iss: "asset-anchor", iat: now, exp: now + 3600, jti: randomUUID() })).toString("base64url");
          return `${header}.${payload}.`;
        },
      ],
      [
        "HS512 with the right secret-derived key",
        async () => signWith(new Uint8Array(hkdfSync("sha256", process.env.AUTH_SECRET!, "", "asset-anchor api token v1", 32)), { sub: acmeAgent.id, tenant_id: acme.id, role: "agent", sv: 0 }, "HS512"),
      ],
    ])("%s → 401 JSON", async (_name, makeToken) => {
      const token = await makeToken();
      const response = await list({ token });
      expect(response.status).toBe(401);
      expect(response.json).toMatchObject({ error: "unauthorized" });
    });

    it("a non-Bearer Authorization header → 401", async () => {
      expect((await list({ authorization: "Basic YWRtaW46YWRtaW4=" })).status).toBe(401);
    });

    it("signing out everywhere revokes earlier tokens and sessions", async () => {
      const user = await seedUser(acme.id, "agent");
      const token = await tokenFor(user);
      const cookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: user.id, tid: acme.id, role: "agent", sv: 0, email: user.email })}`;
      expect((await list({ token })).status).toBe(200);
      await signOutEverywhere(user.id, acme.id);
      expect(await list({ token })).toMatchObject({ status: 401, json: { message: "Access token revoked" } });
      expect((await list({ cookie })).status).toBe(401);
    });
  });

  describe("CRUD and permissions", () => {
    it("creates (201), reads, updates and deletes a property", async () => {
      const token = await tokenFor(acmeAgent);
      const created = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", token, body: NEW_PROPERTY });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ name: "Canal House", price: "320000.00", status: "available", bedrooms: 3 });
      const id = created.json!.id as string;

      expect((await callRoute(item.GET, { host: acmeHost, path: `/api/v1/properties/${id}`, token, params: { id } })).json).toMatchObject({ id, name: "Canal House" });
      const patched = await callRoute(item.PATCH, { host: acmeHost, path: `/api/v1/properties/${id}`, method: "PATCH", token, params: { id }, body: { price: 299000, status: "under_contract" } });
      expect(patched).toMatchObject({ status: 200, json: { price: "299000.00", status: "under_contract", name: "Canal House" } });

      const owner = await seedUser(acme.id, "owner");
      const ownerToken = await tokenFor(owner);
      expect((await callRoute(item.DELETE, { host: acmeHost, path: `/api/v1/properties/${id}`, method: "DELETE", token, params: { id } })).status).toBe(403);
      expect((await callRoute(item.DELETE, { host: acmeHost, path: `/api/v1/properties/${id}`, method: "DELETE", token: ownerToken, params: { id } })).status).toBe(204);
      expect((await callRoute(item.GET, { host: acmeHost, path: `/api/v1/properties/${id}`, token, params: { id } })).status).toBe(404);
    });

    it("a viewer can list but not create (403, audited)", async () => {
      const token = await tokenFor(acmeViewer);
      expect((await list({ token })).status).toBe(200);
      const response = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", token, body: NEW_PROPERTY });
      expect(response).toMatchObject({ status: 403, json: { error: "forbidden" } });
      const event = await sharedDb().auditLog.findFirst({ where: { action: "security.permission_denied", actorUserId: acmeViewer.id } });
      expect(event?.metadata).toMatchObject({ permission: "property:create", role: "viewer" });
    });

    it("invalid bodies → 422 with field errors, nothing created", async () => {
      const token = await tokenFor(acmeAgent);
      const before = (await list({ token, path: "/api/v1/properties?limit=100" })).json!.data as unknown[];
      const response = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", token, body: { name: "x", price: -5, type: "castle" } });
      expect(response.status).toBe(422);
      expect(Object.keys(response.json!.fieldErrors as object).sort()).toEqual(["address", "name", "price", "type"]);
      expect(((await list({ token, path: "/api/v1/properties?limit=100" })).json!.data as unknown[]).length).toBe(before.length);
      const emptyPatch = await callRoute(item.PATCH, { host: acmeHost, path: "/api/v1/properties/x", method: "PATCH", token, params: { id: randomUUID() }, body: {} });
      expect(emptyPatch.status).toBe(422);
    });

    it("a NUL byte in any text field → 422 naming the field, never 500; nothing created or changed", async () => {
      const token = await tokenFor(acmeAgent);
      const before = (await list({ token, path: "/api/v1/properties?limit=100" })).json!.data as unknown[];
      const created = await callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", token, body: { ...NEW_PROPERTY, name: "Canal\u0000House", description: "a\u0000b" } });
      expect(created).toMatchObject({ status: 422, json: { error: "validation_failed", fieldErrors: { name: [expect.stringMatching(/NUL/)], description: [expect.stringMatching(/NUL/)] } } });
      expect(((await list({ token, path: "/api/v1/properties?limit=100" })).json!.data as unknown[]).length).toBe(before.length);
      const existing = await seedProperty(acme.ref, { name: "Plain Name" });
      const params = { id: existing.id };
      const patched = await callRoute(item.PATCH, { host: acmeHost, path: `/api/v1/properties/${existing.id}`, method: "PATCH", token, params, body: { address: "1\u0000 Quay" } });
      expect(patched).toMatchObject({ status: 422, json: { fieldErrors: { address: [expect.stringMatching(/NUL/)] } } });
      expect((await callRoute(item.GET, { host: acmeHost, path: `/api/v1/properties/${existing.id}`, token, params })).json).toMatchObject({ name: "Plain Name", address: "1 Quay St" });
    });

    it("another tenant's property id → 404 for GET, PATCH and DELETE, and it is unchanged", async () => {
      const globexProperty = await seedProperty(globex.ref, { name: "Globex Secret Tower", price: 999999 });
      const token = await tokenFor(await seedUser(acme.id, "owner"));
      const params = { id: globexProperty.id };
      const path = `/api/v1/properties/${globexProperty.id}`;
      expect((await callRoute(item.GET, { host: acmeHost, path, token, params })).status).toBe(404);
      expect((await callRoute(item.PATCH, { host: acmeHost, path, method: "PATCH", token, params, body: { name: "Pwned" } })).status).toBe(404);
      expect((await callRoute(item.DELETE, { host: acmeHost, path, method: "DELETE", token, params })).status).toBe(404);
      expect((await callRoute(item.GET, { host: acmeHost, path: "/api/v1/properties/not-a-uuid", token, params: { id: "not-a-uuid" } })).status).toBe(404);

      const globexToken = await tokenFor(globexOwner);
      const stillThere = await callRoute(item.GET, { host: globexHost, path, token: globexToken, params });
      expect(stillThere).toMatchObject({ status: 200, json: { name: "Globex Secret Tower", price: "999999.00" } });
    });
  });

  describe("listing", () => {
    it("filters by q, status and price range, pages with a cursor that is stable under inserts", async () => {
      const tenant = await seedTenant();
      const user = await seedUser(tenant.id, "viewer");
      const token = await tokenFor(user);
      const host = `${tenant.slug}.localhost:3000`;
      for (let index = 0; index < 7; index++) {
        await seedProperty(tenant.ref, { name: `Lot ${index}`, price: 100000 * (index + 1), status: index % 2 === 0 ? "available" : "sold" });
      }
      const get = async (query: string) => callRoute(collection.GET, { host, path: `/api/v1/properties?${query}`, token });

      const firstPage = await get("limit=3");
      expect((firstPage.json!.data as Array<{ name: string }>).map((p) => p.name)).toEqual(["Lot 6", "Lot 5", "Lot 4"]);
      await seedProperty(tenant.ref, { name: "Inserted meanwhile" });
      const secondPage = await get(`limit=3&cursor=${firstPage.json!.nextCursor as string}`);
      expect((secondPage.json!.data as Array<{ name: string }>).map((p) => p.name)).toEqual(["Lot 3", "Lot 2", "Lot 1"]);
      const lastPage = await get(`limit=3&cursor=${secondPage.json!.nextCursor as string}`);
      expect((lastPage.json!.data as Array<{ name: string }>).map((p) => p.name)).toEqual(["Lot 0"]);
      expect(lastPage.json!.nextCursor).toBeNull();

      const filtered = await get("status=sold&minPrice=250000&maxPrice=600000&q=lot");
      expect((filtered.json!.data as Array<{ name: string }>).map((p) => p.name)).toEqual(["Lot 5", "Lot 3"]);
      expect((await get("limit=101")).status).toBe(422);
      expect((await get("minPrice=5&maxPrice=1")).status).toBe(422);
      expect((await get("status=haunted")).status).toBe(422);
      expect((await get("type=castle")).status).toBe(422);
      expect((await get("cursor=bogus")).status).toBe(422);
    });

    it("sorts by price, name and age; pages through ties without skipping or repeating a row", async () => {
      const tenant = await seedTenant();
      const token = await tokenFor(await seedUser(tenant.id, "viewer"));
      const host = `${tenant.slug}.localhost:3000`;
      const seeded = [
        { name: "Birch", price: 200000 },
        { name: "Alder", price: 100000 },
        { name: "Cedar", price: 200000 },
        { name: "Dogwood", price: 200000 },
        { name: "Elm", price: 50000, type: "land" as const },
      ];
      for (const property of seeded) await seedProperty(tenant.ref, property);
      const get = async (query: string) => callRoute(collection.GET, { host, path: `/api/v1/properties?${query}`, token });
      async function walk(sort: string): Promise<string[]> {
        const names: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await get(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
          expect(page.status).toBe(200);
          names.push(...(page.json!.data as Array<{ name: string }>).map((p) => p.name));
          cursor = page.json!.nextCursor as string | null;
        } while (cursor);
        return names;
      }

      const byPriceAsc = await walk("price_asc");
      expect(byPriceAsc.slice(0, 2)).toEqual(["Elm", "Alder"]);
      expect(byPriceAsc.slice(2).sort()).toEqual(["Birch", "Cedar", "Dogwood"]);
      // Ties are broken by id in the sort's direction, so each order is the exact reverse of its opposite.
      expect(await walk("price_desc")).toEqual([...byPriceAsc].reverse());
      const newest = await walk("newest");
      expect(newest.sort()).toEqual(["Alder", "Birch", "Cedar", "Dogwood", "Elm"]);
      expect(await walk("oldest")).toEqual([...(await walk("newest"))].reverse());
      expect(await walk("name_asc")).toEqual(["Alder", "Birch", "Cedar", "Dogwood", "Elm"]);

      const land = await get("type=land&sort=price_desc");
      expect((land.json!.data as Array<{ name: string }>).map((p) => p.name)).toEqual(["Elm"]);

      const firstByPrice = await get("sort=price_asc&limit=2");
      const misused = await get(`sort=newest&cursor=${firstByPrice.json!.nextCursor as string}`);
      expect(misused).toMatchObject({ status: 422, json: { error: "validation_failed", fieldErrors: { cursor: ["Invalid cursor: start again from the first page"] } } });
      expect((await get("sort=cheapest")).status).toBe(422);
    });
  });

  describe("validation of the shared property schema", () => {
    it("a blank price is refused at the field; blank optional numbers and text become null", async () => {
      const token = await tokenFor(acmeAgent);
      const post = (body: Record<string, unknown>) => callRoute(collection.POST, { host: acmeHost, path: "/api/v1/properties", method: "POST", token, body });
      const blankPrice = await post({ ...NEW_PROPERTY, price: "" });
      expect(blankPrice).toMatchObject({ status: 422, json: { fieldErrors: { price: ["Enter a price"] } } });
      const created = await post({ ...NEW_PROPERTY, name: "Blank extras", price: "410000", bedrooms: "", bathrooms: "", area: " ", description: "" });
      expect(created).toMatchObject({ status: 201, json: { name: "Blank extras", price: "410000.00", bedrooms: null, bathrooms: null, area: null, description: null } });
      const wrongSteps = await post({ ...NEW_PROPERTY, bedrooms: 2.5, bathrooms: 1.25 });
      expect(wrongSteps.status).toBe(422);
      expect(wrongSteps.json!.fieldErrors).toEqual({ bedrooms: ["Bedrooms must be a whole number"], bathrooms: ["Bathrooms go in steps of 0.5"] });
    });
  });
});

describe("listPropertyNames", () => {
  it("names this tenant's properties only; other tenants' and malformed ids are left out", async () => {
    const { listPropertyNames } = await import("./list-property-names");
    const { runAsTenant } = await import("@/lib/tenancy/context");
    const tenant = await seedTenant();
    const other = await seedTenant();
    const mine = await seedProperty(tenant.ref, { name: "Mine" });
    const theirs = await seedProperty(other.ref, { name: "Theirs" });
    const names = await runAsTenant(tenant.ref, "r", () => listPropertyNames({ tenant: tenant.ref }, [mine.id, theirs.id, null, "../x", mine.id]));
    expect(names).toEqual({ [mine.id]: "Mine" });
  });
});
