import { beforeAll, describe, expect, it } from "vitest";
import { GET as platformAudit } from "@/app/admin/api/admin/audit/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";
import { migrateAll } from "@/lib/db/migrator";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";

const ADMIN_HOST = "admin.localhost:3000";

let acme: SeededTenant;
let globex: SeededTenant;
let adminToken: string;
let acmeOwnerToken: string;

const audit = (query: string, token = adminToken) => callRoute(platformAudit, { host: ADMIN_HOST, path: `/api/admin/audit${query}`, token });

beforeAll(async () => {
  await migrateAll();
  acme = await seedTenant({ name: "Acme Audit" });
  globex = await seedTenant({ name: "Globex Audit" });
  const admin = await seedUser(null, "platform_admin");
  const owner = await seedUser(acme.id, "owner");
  adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
  acmeOwnerToken = (await callRoute(issueTenantToken, { host: `${acme.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
  // A cross-tenant attempt: Acme's owner token on Globex's host (403, audited on Globex as a security event).
  const refused = await callRoute(listProperties, { host: `${globex.slug}.localhost:3000`, path: "/api/v1/properties", token: acmeOwnerToken, params: { tenantId: globex.id } });
  expect(refused.status).toBe(403);
});

describe("the admin console's Audit and Security (GET /api/admin/audit)", () => {
  it("shows every tenant's events, newest first, and pages without gaps or repeats", async () => {
    const all = await audit("?limit=200");
    expect(all.status).toBe(200);
    const rows = all.json!.data as Array<{ id: string; createdAt: string; tenant: { slug: string } | null; action: string }>;
    const slugs = new Set(rows.map((row) => row.tenant?.slug));
    expect(slugs).toContain(acme.slug);
    expect(slugs).toContain(globex.slug);
    expect(rows.map((row) => row.createdAt)).toEqual([...rows.map((row) => row.createdAt)].sort().reverse());

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...(page.json!.data as Array<{ id: string }>).map((row) => row.id));
      cursor = page.json!.nextCursor as string | null;
    } while (cursor);
    expect(paged).toEqual(rows.map((row) => row.id));
  });

  it("the Security view holds the cross-tenant attempt, on the tenant it was aimed at, and no routine event", async () => {
    const security = await audit("?view=security");
    const rows = security.json!.data as Array<{ tenant: { slug: string } | null; action: string; actorEmail: string | null }>;
    expect(rows.some((row) => row.action === "security.tenant_context_mismatch" && row.tenant?.slug === globex.slug)).toBe(true);
    expect(rows.every((row) => row.action.startsWith("security.") || row.action.startsWith("auth."))).toBe(true);
    const acmeOnly = await audit(`?view=security&tenant=${acme.slug}`);
    expect((acmeOnly.json!.data as unknown[]).length).toBe(0);
    // An action filter never leaves the view.
    const provisioned = await audit("?view=security&action=tenant.provisioned");
    expect(provisioned.json!.data).toEqual([]);
  });

  it("filters by tenant, event and day; bad filters are 422", async () => {
    const provisioned = await audit(`?tenant=${acme.slug}&action=tenant.provisioned`);
    expect((provisioned.json!.data as Array<{ action: string }>).map((row) => row.action)).toEqual(["tenant.provisioned"]);
    const future = await audit("?from=2999-01-01");
    expect(future.json!.data).toEqual([]);
    for (const bad of ["?view=everything", "?from=yesterday", "?action=DROP%20TABLE", "?tenant=-bad-", "?from=2026-12-02&to=2026-12-01", "?cursor=not-a-cursor"]) {
      expect((await audit(bad)).status, bad).toBe(422);
    }
  });

  it("refuses tenant tokens (403) and no token (401)", async () => {
    expect((await audit("", acmeOwnerToken)).status).toBe(403);
    expect((await callRoute(platformAudit, { host: ADMIN_HOST, path: "/api/admin/audit" })).status).toBe(401);
  });
});
