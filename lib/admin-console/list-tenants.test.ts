import { beforeAll, describe, expect, it } from "vitest";
import { GET as tenantList } from "@/app/admin/api/admin/tenants/route";
import { GET as tenantDetail } from "@/app/admin/api/admin/tenants/[slug]/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { runInProcess } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { listConsoleTenants, tenantListQuerySchema, type TenantListPage, type TenantListRow } from "./list-tenants";

// The console's tenant list on real PostgreSQL: two provisioned tenants (real snapshot job) and 30
// row-only tenants with a hand-made newer snapshot and health rows, so every sort has a known order.

const ADMIN_HOST = "admin.localhost:3000";
const BULK = 30;
const list = (raw: Record<string, string> = {}) => listConsoleTenants(tenantListQuerySchema.parse(raw));

interface Bulk {
  id: string;
  name: string;
  slug: string;
  dbSize: number;
  apiCalls: number;
  lastActivity: Date | null;
}

async function walk(raw: Record<string, string>, direction: "next" | "prev", start: TenantListPage): Promise<TenantListRow[][]> {
  const pages = [start.tenants];
  let cursor = direction === "next" ? start.nextCursor : start.prevCursor;
  while (cursor) {
    const page = await list({ ...raw, cursor });
    pages.push(page.tenants);
    cursor = direction === "next" ? page.nextCursor : page.prevCursor;
  }
  return pages;
}

describe("admin console tenant list", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  const bulk: Bulk[] = [];
  let adminToken: string;
  let ownerToken: string;

  beforeAll(async () => {
    acme = await seedTenant({ name: "Acme Realty", slug: "acme-list" });
    globex = await seedTenant({ name: "Globex Properties", slug: "globex-list", plan: "enterprise" });
    await seedProperty(acme.ref, { name: "One" });
    await seedProperty(acme.ref, { name: "Two" });
    await ownerPool().query("UPDATE tenants SET custom_domain = 'homes.acme-listings.example', custom_domain_verified = true WHERE id = $1", [acme.id]);
    const snapshot = await runInProcess(["analytics", "snapshot", "--json"]);
    expect(snapshot.exitCode, snapshot.stdout + snapshot.stderr).toBe(0);

    const admin = await seedUser(null, "platform_admin");
    const owner = await seedUser(acme.id, "owner");
    adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
    ownerToken = (await callRoute(issueTenantToken, { host: `${acme.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
  });

  it("shows provisioned tenants with the snapshot's usage, and finds them by name, slug or custom domain", async () => {
    const page = await list();
    expect(page.tenants.map((tenant) => tenant.slug)).toEqual([acme.slug, globex.slug]);
    const row = page.tenants[0]!;
    expect(row).toMatchObject({ plan: acme.plan, status: "active", properties: 2, customDomain: "homes.acme-listings.example", health: null });
    expect(row.users).toBeGreaterThanOrEqual(1);
    expect(row.dbSizeBytes).toBeGreaterThan(0);
    expect(page.snapshotTakenAt).not.toBeNull();

    expect((await list({ q: "ACME" })).tenants.map((tenant) => tenant.slug)).toEqual([acme.slug]);
    expect((await list({ q: "ex-li" })).tenants.map((tenant) => tenant.slug)).toEqual([globex.slug]);
    expect((await list({ q: "acme-listings.exa" })).tenants.map((tenant) => tenant.slug)).toEqual([acme.slug]);
    // LIKE wildcards in q are literal characters.
    expect((await list({ q: "%" })).total).toBe(0);
    expect((await list({ q: "_" })).total).toBe(0);
    expect((await list({ plan: "enterprise" })).tenants.map((tenant) => tenant.slug)).toEqual([globex.slug]);
  });

  describe("at more than a page", () => {
    beforeAll(async () => {
      const owner = ownerPool();
      for (let index = 0; index < BULK; index += 1) {
        const name = `Bulk ${String(index).padStart(2, "0")}`;
        const { rows } = await owner.query<{ id: string }>(
          "INSERT INTO tenants (name, slug, status, plan_id, created_at) VALUES ($1, $2, 'active', $3, now() - $4 * interval '1 hour') RETURNING id",
          [name, `bulk-${index}`, index % 3 === 0 ? "enterprise" : "standard", (index * 7) % BULK],
        );
        // Ties on purpose (dbSize repeats every 10), so the id breaks them.
        bulk.push({ id: rows[0]!.id, name, slug: `bulk-${index}`, dbSize: (index % 10) * 1000, apiCalls: (index * 13) % 17, lastActivity: index % 4 === 0 ? null : new Date(Date.now() - index * 60_000) });
      }
      const snapshot = (await owner.query<{ id: string }>("INSERT INTO analytics_snapshots (taken_at, duration_ms, tenants) VALUES (now(), 1, $1) RETURNING id", [BULK])).rows[0]!.id;
      for (const tenant of bulk) {
        await owner.query(
          `INSERT INTO analytics_tenant_usage (snapshot_id, subject_tenant_id, slug, name, plan_id, status, tenant_created_at, db_size_bytes, storage_bytes, api_calls_30d, users, activity_count_7d, last_activity, properties)
           VALUES ($1, $2, $3, $4, 'standard', 'active', now(), $5, 0, $6, 1, 0, $7, 3)`,
          [snapshot, tenant.id, tenant.slug, tenant.name, tenant.dbSize, tenant.apiCalls, tenant.lastActivity],
        );
      }
      const health = (index: number) => (index % 5 === 0 ? "critical" : index % 5 === 1 ? "warning" : index % 5 === 2 ? "healthy" : null);
      for (const [index, tenant] of bulk.entries()) {
        const status = health(index);
        if (status) await owner.query("INSERT INTO tenant_health (subject_tenant_id, status, reasons, checks) VALUES ($1, $2, $3, '{}')", [tenant.id, status, JSON.stringify(status === "healthy" ? [] : [`${status} because`])]);
      }
      await owner.query("UPDATE tenants SET status = 'suspended' WHERE slug IN ('bulk-1', 'bulk-2')");
      await owner.query("UPDATE tenants SET status = 'deleted' WHERE slug = 'bulk-3'");
    });

    const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const visible = () => bulk.filter((tenant) => tenant.slug !== "bulk-3");

    it("pages forward and back through every sort without gaps or repeats", async () => {
      const orders: Record<string, (a: Bulk, b: Bulk) => number> = {
        "-db_size": (a, b) => b.dbSize - a.dbSize || byId(b.id, a.id),
        db_size: (a, b) => a.dbSize - b.dbSize || byId(a.id, b.id),
        "-api_calls": (a, b) => b.apiCalls - a.apiCalls || byId(b.id, a.id),
        "-last_activity": (a, b) => (b.lastActivity?.getTime() ?? -Infinity) - (a.lastActivity?.getTime() ?? -Infinity) || byId(b.id, a.id),
        name: (a, b) => (a.name < b.name ? -1 : 1),
        "-name": (a, b) => (a.name < b.name ? 1 : -1),
      };
      for (const [sort, order] of Object.entries(orders)) {
        const raw = { q: "bulk", sort, limit: "7" };
        const first = await list(raw);
        expect(first.total, sort).toBe(BULK - 1);
        expect(first.prevCursor, sort).toBeNull();
        const forward = await walk(raw, "next", first);
        expect(forward.map((page) => page.length), sort).toEqual([7, 7, 7, 7, 1]);
        const expected = visible().sort(order).map((tenant) => tenant.slug);
        expect(forward.flat().map((tenant) => tenant.slug), sort).toEqual(expected);

        // From the last page, prev cursors lead back to the first page through the same pages.
        let page = first;
        while (page.nextCursor) page = await list({ ...raw, cursor: page.nextCursor });
        expect(page.prevCursor, sort).not.toBeNull();
        const backward = await walk(raw, "prev", page);
        expect(backward.reverse().map((rows) => rows.map((tenant) => tenant.slug)), sort).toEqual(forward.map((rows) => rows.map((tenant) => tenant.slug)));
      }
    });

    it("sorts by creation and filters by status, plan and health, together with search", async () => {
      const created = await walk({ q: "bulk", sort: "-created", limit: "100" }, "next", await list({ q: "bulk", sort: "-created", limit: "100" }));
      const times = created.flat().map((tenant) => Date.parse(tenant.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      expect((await list({ status: "suspended" })).tenants.map((tenant) => tenant.slug)).toEqual(["bulk-1", "bulk-2"]);
      expect((await list({ status: "deleted" })).tenants.map((tenant) => tenant.slug)).toEqual(["bulk-3"]);
      const critical = await list({ health: "critical", limit: "100" });
      expect(critical.tenants.map((tenant) => tenant.slug).sort()).toEqual(["bulk-0", "bulk-10", "bulk-15", "bulk-20", "bulk-25", "bulk-5"]);
      expect(critical.tenants[0]!.health).toMatchObject({ status: "critical", reasons: ["critical because"] });
      const unknown = await list({ health: "unknown", q: "bulk", limit: "100" });
      expect(unknown.tenants.map((tenant) => tenant.slug).sort()).toEqual(bulk.filter((tenant, index) => tenant.slug !== "bulk-3" && index % 5 >= 3).map((tenant) => tenant.slug).sort());
      const combined = await list({ q: "bulk", plan: "enterprise", health: "critical", limit: "100" });
      expect(combined.tenants.map((tenant) => tenant.slug).sort()).toEqual(["bulk-0", "bulk-15"]);
      // Usage comes from the newest snapshot: the provisioned tenants are not in it.
      expect((await list({ q: "acme" })).tenants[0]).toMatchObject({ slug: acme.slug, properties: null, dbSizeBytes: null });
    });

    it("refuses bad values with 422 through the admin API, and tenant credentials with 401/403", async () => {
      for (const query of ["status=sleeping", "plan=gold", "health=purple", "sort=size", "limit=0", "limit=101", `q=${"x".repeat(101)}`, "cursor=not-a-cursor"]) {
        const response = await callRoute(tenantList, { host: ADMIN_HOST, path: `/api/admin/tenants?${query}`, token: adminToken });
        expect(response.status, query).toBe(422);
        expect(response.json!.error, query).toBe("validation_failed");
      }
      // A cursor of another sort is not accepted either.
      const byName = await list({ limit: "2" });
      const mixed = await callRoute(tenantList, { host: ADMIN_HOST, path: `/api/admin/tenants?sort=-db_size&cursor=${byName.nextCursor}`, token: adminToken });
      expect(mixed.status).toBe(422);

      const ok = await callRoute(tenantList, { host: ADMIN_HOST, path: "/api/admin/tenants?q=bulk&sort=-db_size&limit=4", token: adminToken });
      expect(ok.status).toBe(200);
      expect((ok.json!.tenants as TenantListRow[]).map((tenant) => tenant.dbSizeBytes)).toEqual([9000, 9000, 9000, 8000]);
      expect(ok.json!.total).toBe(BULK - 1);

      expect((await callRoute(tenantList, { host: ADMIN_HOST, path: "/api/admin/tenants" })).status).toBe(401);
      expect((await callRoute(tenantList, { host: ADMIN_HOST, path: "/api/admin/tenants", token: ownerToken })).status).toBe(403);
      expect((await callRoute(tenantList, { host: `${acme.slug}.localhost:3000`, path: "/api/admin/tenants", token: ownerToken })).status).toBe(404);
      expect((await callRoute(tenantDetail, { host: ADMIN_HOST, path: `/api/admin/tenants/${acme.slug}`, params: { slug: acme.slug }, token: ownerToken })).status).toBe(403);
    });
  });

  it("the tenant API shows profile, domains, usage against limits, members and recent audit", async () => {
    const response = await callRoute(tenantDetail, { host: ADMIN_HOST, path: `/api/admin/tenants/${acme.slug}`, params: { slug: acme.slug }, token: adminToken });
    expect(response.status).toBe(200);
    const body = response.json as { tenant: { slug: string; plan: string }; domains: Array<{ url: string; kind: string }>; usage: Array<{ limit: string; used: number; allowed: number }>; members: Array<{ email: string }>; recentAudit: unknown[]; backups: { items: unknown[] | null } };
    expect(body.tenant).toMatchObject({ slug: acme.slug, plan: acme.plan });
    expect(body.domains.map((domain) => domain.kind)).toEqual(["subdomain", "custom"]);
    expect(body.domains[1]!.url).toBe("https://homes.acme-listings.example");
    expect(body.usage.find((row) => row.limit === "properties")).toMatchObject({ used: 2 });
    expect(body.members.map((member) => member.email)).toContain(`owner@${acme.slug}.test`);
    // Only this tenant's members: none of globex's.
    expect(body.members.some((member) => member.email.includes(globex.slug))).toBe(false);
    expect(body.backups.items).toEqual([]);
    expect((await callRoute(tenantDetail, { host: ADMIN_HOST, path: "/api/admin/tenants/no-such-tenant", params: { slug: "no-such-tenant" }, token: adminToken })).status).toBe(404);
  });
});
