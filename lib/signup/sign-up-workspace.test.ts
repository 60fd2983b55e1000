import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as signUpRoute } from "@/app/apex/api/signup/route";
import { GET as slugRoute } from "@/app/apex/api/signup/slug/route";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { migrateAll } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { callRoute } from "@/lib/testing/call-route";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { findWorkspaces, FIND_WORKSPACE_ANSWER } from "./find-workspaces";

const APEX = "localhost:3000";

async function mailsTo(email: string): Promise<string[]> {
  await mkdir(testDatabase.outboxDir, { recursive: true });
  const files = (await readdir(testDatabase.outboxDir)).filter((name) => name.includes(`-${email}-`)).sort();
  return Promise.all(files.map(async (file) => (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

let existing: SeededTenant;

beforeAll(async () => {
  await migrateAll();
  existing = await seedTenant({ slug: "taken-agency", name: "Taken Agency" });
});

describe("self-service sign-up (POST /api/signup on the apex)", () => {
  it("creates an active workspace with its schema, an invited owner and a set-password mail, audited", async () => {
    const { status, json } = await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: "Harbour Homes", slug: "harbour-homes", ownerEmail: "Owner@Harbour.test" }, ip: "198.51.100.1" });
    expect(status).toBe(201);
    expect(json).toMatchObject({ slug: "harbour-homes", workspaceUrl: "http://harbour-homes.localhost:3000" });
    const { rows } = await ownerPool().query<{ id: string; status: string; plan_id: string }>("SELECT id, status, plan_id FROM public.tenants WHERE slug = 'harbour-homes'");
    expect(rows).toEqual([{ id: expect.any(String), status: "active", plan_id: "standard" }]);
    const tenantId = rows[0]!.id;
    const schema = await ownerPool().query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [tenantSchemaName(tenantId)]);
    expect(schema.rowCount).toBe(1);
    const owner = await ownerPool().query("SELECT email, role, status FROM public.users WHERE tenant_id = $1", [tenantId]);
    expect(owner.rows).toEqual([{ email: "owner@harbour.test", role: "owner", status: "invited" }]);
    const audit = await ownerPool().query("SELECT metadata->>'source' AS source FROM public.audit_logs WHERE tenant_id = $1 AND action = 'tenant.provisioned'", [tenantId]);
    expect(audit.rows).toEqual([{ source: "signup" }]);

    const [mail] = await mailsTo("owner@harbour.test");
    expect(mail).toContain("Harbour Homes");
    const link = /http:\/\/harbour-homes\.localhost:3000\/set-password\?token=([\w-]+)/.exec(mail!);
    expect(link).not.toBeNull();
    await setPasswordWithToken({ token: link![1]!, password: "a-good-long-password", tenantId });
    const active = await ownerPool().query("SELECT status FROM public.users WHERE tenant_id = $1", [tenantId]);
    expect(active.rows).toEqual([{ status: "active" }]);
  });

  it("refuses a taken slug (409) and a reserved or invalid one (422), creating nothing", async () => {
    const before = (await ownerPool().query<{ n: number }>("SELECT count(*)::int AS n FROM public.tenants")).rows[0]!.n;
    const taken = await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: "Copycat", slug: existing.slug, ownerEmail: "copy@cat.test" }, ip: "198.51.100.2" });
    expect(taken).toMatchObject({ status: 409, json: { error: "conflict", fieldErrors: { slug: [expect.stringContaining("already taken")] } } });
    const reserved = await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: "Admins", slug: "admin", ownerEmail: "a@b.test" }, ip: "198.51.100.2" });
    expect(reserved).toMatchObject({ status: 422, json: { fieldErrors: { slug: [expect.stringContaining("reserved")] } } });
    const invalid = await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: "X", slug: "-bad-", ownerEmail: "nope" }, ip: "198.51.100.2" });
    expect(invalid.status).toBe(422);
    expect(Object.keys((invalid.json as { fieldErrors: object }).fieldErrors).sort()).toEqual(["ownerEmail", "slug", "workspaceName"]);
    expect((await ownerPool().query<{ n: number }>("SELECT count(*)::int AS n FROM public.tenants")).rows[0]!.n).toBe(before);
  });

  it("answers a filled honeypot as usual and creates nothing", async () => {
    const { status } = await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: "Bot Realty", slug: "bot-realty", ownerEmail: "bot@bot.test", website: "http://spam.example" }, ip: "198.51.100.3" });
    expect(status).toBe(201);
    expect((await ownerPool().query("SELECT 1 FROM public.tenants WHERE slug = 'bot-realty'")).rowCount).toBe(0);
    expect(await mailsTo("bot@bot.test")).toEqual([]);
  });

  it("is rate limited per client IP (429 after 5 an hour)", async () => {
    const ip = "198.51.100.4";
    const attempt = (index: number) => callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body: { workspaceName: `Limit ${index}`, slug: `limit-${index}`, ownerEmail: "x@limit.test", website: "bot" }, ip });
    for (let index = 0; index < 5; index += 1) expect((await attempt(index)).status).toBe(201);
    expect((await attempt(5)).status).toBe(429);
  });

  it("is only on the apex and refuses another origin's browser", async () => {
    const body = { workspaceName: "Elsewhere", slug: "elsewhere", ownerEmail: "e@e.test" };
    expect((await callRoute(signUpRoute, { host: `${existing.slug}.localhost:3000`, path: "/api/signup", method: "POST", body })).status).toBe(404);
    expect((await callRoute(signUpRoute, { host: "admin.localhost:3000", path: "/api/signup", method: "POST", body })).status).toBe(404);
    expect((await callRoute(signUpRoute, { host: APEX, path: "/api/signup", method: "POST", body, origin: "http://evil.test" })).status).toBe(403);
    expect((await ownerPool().query("SELECT 1 FROM public.tenants WHERE slug = 'elsewhere'")).rowCount).toBe(0);
  });
});

describe("the live slug check (GET /api/signup/slug)", () => {
  it.each([
    ["fresh-agency", { available: true }],
    ["taken-agency", { available: false, reason: "taken" }],
    ["admin", { available: false, reason: "reserved" }],
    ["a", { available: false, reason: "invalid" }],
  ])("%s → %o", async (slug, expected) => {
    const { status, json } = await callRoute(slugRoute, { host: APEX, path: `/api/signup/slug?slug=${slug}` });
    expect(status).toBe(200);
    expect(json).toMatchObject({ slug, ...expected });
  });
});

describe("find my workspace", () => {
  it("mails the workspaces where the address is staff, and gives everyone the same answer", async () => {
    const second = await seedTenant({ slug: "second-agency", name: "Second Agency" });
    const email = "agent@multi.test";
    await seedUser(existing.id, "agent", { email });
    await seedUser(second.id, "viewer", { email });
    const known = await findWorkspaces(email, { ip: "198.51.100.10" });
    await known.pending;
    const unknown = await findWorkspaces("nobody@nowhere.test", { ip: "198.51.100.10" });
    await unknown.pending;
    expect(known.message).toBe(FIND_WORKSPACE_ANSWER);
    expect(unknown.message).toBe(FIND_WORKSPACE_ANSWER);
    const [mail] = await mailsTo(email);
    expect(mail).toContain("http://taken-agency.localhost:3000/login");
    expect(mail).toContain("http://second-agency.localhost:3000/login");
    const [none] = await mailsTo("nobody@nowhere.test");
    expect(none).toContain("not a member of any");
  });

  it("lists no customer accounts", async () => {
    const email = "client@multi.test";
    await seedUser(existing.id, "customer", { email });
    await (await findWorkspaces(email, { ip: "198.51.100.11" })).pending;
    const [mail] = await mailsTo(email);
    expect(mail).not.toContain("taken-agency.localhost");
  });

  it("sends at most 3 mails per address per 15 minutes, and answers the same", async () => {
    const email = "often@multi.test";
    await seedUser(existing.id, "agent", { email });
    for (let index = 0; index < 5; index += 1) await (await findWorkspaces(email, { ip: `198.51.100.${20 + index}` })).pending;
    expect(await mailsTo(email)).toHaveLength(3);
  });
});
