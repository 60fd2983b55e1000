import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { appPool, inTransaction } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setLimitOverride } from "@/lib/tenant-profile/set-limit-override";
import * as properties from "@/app/t/[tenantId]/api/v1/properties/route";
import * as property from "@/app/t/[tenantId]/api/v1/properties/[id]/route";
import { API_LIMIT_REFUSALS_FOR_NOTICE } from "./api-limit-hits";
import { readCurrentLimitNotices } from "./read-limit-notices";
import { runLimitNotices } from "./run-limit-notices";

// Approaching-limit notices on real Postgres and Redis; mails land in this file's outbox.

const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
const NEW_PROPERTY = { name: "Canal House", address: "9 Lock Lane", price: 320000, type: "house" };

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

async function mailsTo(email: string): Promise<string[]> {
  const files = (await readdir(testDatabase.outboxDir).catch(() => [])).filter((file) => file.includes(email.replace(/[^a-z0-9.@-]/gi, "_")) || file.includes(email));
  return Promise.all(files.map(async (file) => (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/\r?\n[ \t]+/g, " ")));
}

const subjectOf = (mail: string) => /^Subject: (.*)$/m.exec(mail)?.[1] ?? "";
const noticeEvents = (tenant: SeededTenant) => sharedDb().auditLog.findMany({ where: { tenantId: tenant.id, action: "tenant.limit_notice" }, orderBy: { createdAt: "asc" } });

describe("approaching-limit notices", () => {
  afterEach(() => vi.useRealTimers());

  it("crossing 80 % of a quota mails the owners once and audits it; crossing it again mails nobody; 100 % mails once more; another tenant is unaffected", async () => {
    const acme = await seedTenant({ plan: "enterprise" });
    const globex = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(acme.slug, "properties", 5);
    await setLimitOverride(globex.slug, "properties", 5);
    const acmeOwner = (await seedUser(acme.id, "owner")).email;
    const globexOwner = (await seedUser(globex.id, "owner")).email;
    const manager = await tokenFor(await seedUser(acme.id, "manager"));
    const globexManager = await tokenFor(await seedUser(globex.id, "manager"));
    const create = (tenant: SeededTenant, token: string) => callRoute(properties.POST, { host: hostOf(tenant), path: "/api/v1/properties", method: "POST", token, body: NEW_PROPERTY });

    for (let index = 0; index < 3; index++) expect((await create(acme, manager)).status).toBe(201);
    expect(await mailsTo(acmeOwner)).toEqual([]);
    const fourth = await create(acme, manager);
    expect(fourth.status).toBe(201);
    const afterEighty = await mailsTo(acmeOwner);
    expect(afterEighty.map(subjectOf)).toEqual([`${acme.name} has used 80% of its properties limit`]);
    expect(afterEighty[0]).toContain("Asset Anchor");
    expect(afterEighty[0]).toContain("is at 4");
    expect((await noticeEvents(acme)).map((event) => [event.target, (event.metadata as { threshold: number }).threshold])).toEqual([["properties", 80]]);

    // Down below 80 % and across it again: the notice of this period is already given.
    const deleted = await callRoute(property.DELETE, { host: hostOf(acme), path: `/api/v1/properties/${fourth.json!.id as string}`, method: "DELETE", token: manager, params: { id: fourth.json!.id as string } });
    expect(deleted.status).toBe(204);
    expect((await create(acme, manager)).status).toBe(201);
    expect(await mailsTo(acmeOwner)).toHaveLength(1);
    expect((await runLimitNotices()).notices).toBe(0);
    expect(await mailsTo(acmeOwner)).toHaveLength(1);

    expect((await create(acme, manager)).status).toBe(201);
    expect((await mailsTo(acmeOwner)).map(subjectOf).sort()).toEqual([`${acme.name} has reached its properties limit`, `${acme.name} has used 80% of its properties limit`].sort());
    expect(await readCurrentLimitNotices(acme.id)).toMatchObject([{ limit: "properties", threshold: 100, usage: 5, max: 5 }]);

    expect((await create(globex, globexManager)).status).toBe(201);
    expect(await mailsTo(globexOwner)).toEqual([]);
    expect(await readCurrentLimitNotices(globex.id)).toEqual([]);
    expect(await noticeEvents(globex)).toEqual([]);
    // Row-level security: in Globex's scope, Acme's notices do not exist.
    const visible = await inTransaction(appPool(), (client) => client.query("SELECT count(*)::int AS n FROM public.limit_notices WHERE subject_tenant_id = $1", [acme.id]), globex.id);
    expect(visible.rows[0]).toEqual({ n: 0 });
  });

  it("the job notices quotas a write did not check (a lowered limit), once", async () => {
    const acme = await seedTenant({ plan: "enterprise" });
    const manager = await tokenFor(await seedUser(acme.id, "manager"));
    const owner = (await seedUser(acme.id, "owner")).email;
    expect((await callRoute(properties.POST, { host: hostOf(acme), path: "/api/v1/properties", method: "POST", token: manager, body: NEW_PROPERTY })).status).toBe(201);
    await setLimitOverride(acme.slug, "properties", 1);
    const first = await runLimitNotices();
    expect(first.notices).toBeGreaterThanOrEqual(2);
    expect((await mailsTo(owner)).map(subjectOf)).toEqual([`${acme.name} has reached its properties limit`]);
    expect((await runLimitNotices()).notices).toBe(0);
    expect(await mailsTo(owner)).toHaveLength(1);
    // The workspace's invited (not yet active) first owner gets none.
    expect(await mailsTo(`owner@${acme.slug}.test`)).toEqual([]);
  });

  it("the API limit refused repeatedly in a day mails the owners once; another tenant is unaffected", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000 });
    const acme = await seedTenant();
    const globex = await seedTenant();
    const token = await tokenFor(await seedUser(acme.id, "viewer"));
    const owner = (await seedUser(acme.id, "owner")).email;
    const globexOwner = (await seedUser(globex.id, "owner")).email;
    const globexToken = await tokenFor(await seedUser(globex.id, "viewer"));
    const list = (tenant: SeededTenant, bearer: string) => callRoute(properties.GET, { host: hostOf(tenant), path: "/api/v1/properties", token: bearer });
    const statuses: number[] = [];
    for (let index = 0; index < 100 + API_LIMIT_REFUSALS_FOR_NOTICE + 5; index++) statuses.push((await list(acme, token)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(API_LIMIT_REFUSALS_FOR_NOTICE + 5);
    expect((await list(globex, globexToken)).status).toBe(200);

    await expect.poll(async () => (await mailsTo(owner)).map(subjectOf), { timeout: 10_000 }).toEqual([`${acme.name} has reached its API requests per minute limit`]);
    const [event] = await noticeEvents(acme);
    expect(event).toMatchObject({ target: "apiRequestsPerMinute", metadata: { threshold: 100, usage: API_LIMIT_REFUSALS_FOR_NOTICE, max: 100 } });
    expect((await runLimitNotices()).notices).toBe(0);
    expect(await mailsTo(owner)).toHaveLength(1);
    expect(await mailsTo(globexOwner)).toEqual([]);
  });
});
