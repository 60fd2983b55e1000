import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { sharedDbFor } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { GET as listAudit } from "@/app/t/[tenantId]/api/v1/audit/route";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

/** Rows with made-up actions, to test prefix matching; the product writes only AUDIT_EVENTS names. */
const seedAuditRow = (row: { tenantId: string; actorUserId: string; action: string; target?: string }) => sharedDbFor(row.tenantId).auditLog.create({ data: row });

type Event = { action: string; actorUserId: string | null; actorEmail: string | null; target: string | null };

describe("GET /api/v1/audit", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let admin: SeededUser;
  let adminToken: string;
  const host = () => `${acme.slug}.localhost:3000`;
  const get = (query = "", token = adminToken, onHost = host()) => callRoute(listAudit, { host: onHost, path: `/api/v1/audit${query}`, token });
  const actions = (response: { json: Record<string, unknown> | null }) => (response.json!.data as Event[]).map((event) => event.action);

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    admin = await seedUser(acme.id, "admin");
    adminToken = await tokenFor(admin);
    const globexOwner = await seedUser(globex.id, "owner");
    for (const action of ["test.first", "test.second", "test_x.third", "testy.fourth"]) {
      await seedAuditRow({ tenantId: acme.id, actorUserId: admin.id, action, target: action });
    }
    await seedAuditRow({ tenantId: acme.id, actorUserId: globexOwner.id, action: "test.foreign_actor" });
    await seedAuditRow({ tenantId: globex.id, actorUserId: globexOwner.id, action: "test.other_tenant" });
  });

  it("shows this tenant's events only, newest first, with the actor's email only for this tenant's users", async () => {
    const response = await get("?action=test");
    expect(response.status).toBe(200);
    expect(actions(response)).toEqual(["test.foreign_actor", "testy.fourth", "test_x.third", "test.second", "test.first"]);
    const [foreign, , , , first] = response.json!.data as Event[];
    expect(foreign).toMatchObject({ actorUserId: expect.any(String), actorEmail: null });
    expect(first).toMatchObject({ actorUserId: admin.id, actorEmail: admin.email, target: "test.first" });
    expect(actions(await get())).not.toContain("test.other_tenant");
    expect(actions(await get())).toContain("tenant.provisioned");
  });

  it("filters by action prefix ('_' is a character, not a wildcard) and pages with a cursor", async () => {
    expect(actions(await get("?action=test."))).toEqual(["test.foreign_actor", "test.second", "test.first"]);
    expect(actions(await get("?action=test_"))).toEqual(["test_x.third"]);
    expect(actions(await get("?action=test.second"))).toEqual(["test.second"]);
    const first = await get("?action=test&limit=2");
    expect(actions(first)).toEqual(["test.foreign_actor", "testy.fourth"]);
    const second = await get(`?action=test&limit=2&cursor=${first.json!.nextCursor as string}`);
    expect(actions(second)).toEqual(["test_x.third", "test.second"]);
    const third = await get(`?action=test&limit=2&cursor=${second.json!.nextCursor as string}`);
    expect(third.json).toMatchObject({ data: [{ action: "test.first" }], nextCursor: null });
    for (const query of ["?action=test%25", "?action=Test", "?cursor=bogus", "?limit=500"]) expect((await get(query)).status).toBe(422);
  });

  it("is for owners and admins only; another tenant's token or host → 403", async () => {
    expect((await get("", await tokenFor(await seedUser(acme.id, "owner")))).status).toBe(200);
    for (const role of ["manager", "agent", "viewer"] as const) expect((await get("", await tokenFor(await seedUser(acme.id, role)))).status).toBe(403);
    expect((await get("", await tokenFor(await seedUser(globex.id, "owner")))).status).toBe(403);
    expect((await get("", adminToken, `${globex.slug}.localhost:3000`)).status).toBe(403);
  });
});
