import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listBackupsApi } from "@/app/admin/api/admin/backups/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { createBackup } from "@/lib/backups/create-backup";
import { migrateAll } from "@/lib/db/migrator";
import { PLANS } from "@/lib/plans/plans";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { listPlatformBackups } from "./list-platform-backups";

const ADMIN_HOST = "admin.localhost:3000";
const DAY_MS = 86_400_000;

let acme: SeededTenant;
let globex: SeededTenant;
let owner: SeededUser;
let adminToken: string;
let ownerToken: string;
let ownerCookie: string;
const acmeBackups: string[] = [];
let globexBackup: string;

const call = (handler: typeof listBackupsApi, path: string, auth: { token?: string; cookie?: string } = { token: adminToken }) => callRoute(handler, { host: ADMIN_HOST, path, ...auth });

beforeAll(async () => {
  await migrateAll();
  acme = await seedTenant({ name: "Acme Backups" });
  globex = await seedTenant({ name: "Globex Backups", plan: "professional" });
  for (let index = 0; index < 4; index++) acmeBackups.push((await createBackup(acme.slug)).manifest.id);
  globexBackup = (await createBackup(globex.slug, { kind: "scheduled" })).manifest.id;
  const admin = await seedUser(null, "platform_admin");
  owner = await seedUser(acme.id, "owner");
  adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
  ownerToken = (await callRoute(issueTenantToken, { host: `${acme.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
  ownerCookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: owner.id, tid: acme.id, role: "owner", sv: 0, email: owner.email })}`;
});

interface Row {
  id: string;
  tenant: { slug: string; plan: string };
  kind: string;
  bytes: number;
  status: string;
  retention: { days: number; reason: string | null; expiresAt: string | null };
}

describe("GET /api/admin/backups", () => {
  it("lists every tenant's backups newest first, with kind, size and the plan's retention", async () => {
    const answer = await call(listBackupsApi, "/api/admin/backups");
    expect(answer.status).toBe(200);
    const rows = answer.json!.data as Row[];
    expect(rows.map((row) => row.id)).toEqual([globexBackup, ...[...acmeBackups].reverse()]);
    const globexRow = rows.find((row) => row.id === globexBackup)!;
    expect(globexRow).toMatchObject({ tenant: { slug: globex.slug, plan: "professional" }, kind: "scheduled", status: "kept", retention: { days: PLANS.professional.limits.backupRetentionDays, reason: "minimum", expiresAt: null } });
    expect(globexRow.bytes).toBeGreaterThan(0);
    // Acme's oldest of four is kept for its days, not as one of the 3 newest.
    const oldest = rows.find((row) => row.id === acmeBackups[0])!;
    expect(oldest).toMatchObject({ kind: "manual", tenant: { plan: "standard" }, retention: { days: PLANS.standard.limits.backupRetentionDays, reason: "within-days" } });
    expect(Date.parse(oldest.retention.expiresAt!) - Date.now()).toBeGreaterThan((PLANS.standard.limits.backupRetentionDays - 1) * DAY_MS);
    expect(answer.json!).toHaveProperty("pitr");
  });

  it("filters by tenant and status, and pages with the cursor without gaps or repeats", async () => {
    const acmeOnly = (await call(listBackupsApi, `/api/admin/backups?tenant=${acme.slug}`)).json!.data as Row[];
    expect(acmeOnly.map((row) => row.id)).toEqual([...acmeBackups].reverse());
    expect((await call(listBackupsApi, "/api/admin/backups?tenant=no-such-tenant")).json!.data).toEqual([]);
    expect(((await call(listBackupsApi, "/api/admin/backups?status=expired")).json!.data as Row[]).length).toBe(0);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(listBackupsApi, `/api/admin/backups?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...(page.json!.data as Row[]).map((row) => row.id));
      cursor = page.json!.nextCursor as string | null;
    } while (cursor);
    expect(paged).toEqual([globexBackup, ...[...acmeBackups].reverse()]);
  });

  it("a backup past its plan's days and beyond the 3 newest is expired (what prune deletes)", async () => {
    const later = new Date(Date.now() + (PLANS.standard.limits.backupRetentionDays + 1) * DAY_MS);
    const expired = await listPlatformBackups({ tenant: acme.slug, status: "expired", limit: 50 }, later);
    expect(expired.data.map((row) => row.id)).toEqual([acmeBackups[0]]);
    expect(expired.data[0]!.retention).toEqual({ days: 7, reason: null, expiresAt: null });
    const kept = await listPlatformBackups({ tenant: acme.slug, status: "kept", limit: 50 }, later);
    expect(kept.data.map((row) => row.retention.reason)).toEqual(["minimum", "minimum", "minimum"]);
  });

  it("gives the restore-to-time window from this host's base backups and archived WAL, null without them", async () => {
    const previous = process.env.PITR_DIR;
    const dir = await mkdtemp(path.join(tmpdir(), "pitr-window-"));
    process.env.PITR_DIR = dir;
    try {
      expect((await listPlatformBackups({ limit: 1 })).pitr).toBeNull();
      for (const [label, stoppedAt] of [["base-b", "2026-12-02T02:00:00.000Z"], ["base-a", "2026-12-01T02:00:00.000Z"]] as const) {
        await mkdir(path.join(dir, "base", label), { recursive: true });
        await writeFile(path.join(dir, "base", label, "base-backup.json"), JSON.stringify({ label, dir: "", stoppedAt, startLsn: "0/1", stopLsn: "0/2" }));
      }
      expect((await listPlatformBackups({ limit: 1 })).pitr).toBeNull();
      await mkdir(path.join(dir, "wal"));
      for (const [segment, at] of [["000000010000000000000003", "2026-12-03T09:00:00Z"], ["000000010000000000000004", "2026-12-03T10:00:00Z"]] as const) {
        await writeFile(path.join(dir, "wal", segment), "");
        await utimes(path.join(dir, "wal", segment), new Date(at), new Date(at));
      }
      await writeFile(path.join(dir, "wal", "000000010000000000000004.partial"), "");
      expect((await listPlatformBackups({ limit: 1 })).pitr).toEqual({
        from: "2026-12-01T02:00:00.000Z",
        to: "2026-12-03T10:00:00.000Z",
        baseBackups: [{ label: "base-a", stoppedAt: "2026-12-01T02:00:00.000Z" }, { label: "base-b", stoppedAt: "2026-12-02T02:00:00.000Z" }],
      });
    } finally {
      if (previous === undefined) delete process.env.PITR_DIR;
      else process.env.PITR_DIR = previous;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("bad queries are 422; a tenant owner's token or cookie, or no credentials, never reach it", async () => {
    for (const bad of ["?status=deleted", "?cursor=not-a-backup", "?tenant=-bad-", "?limit=0", "?limit=101"]) {
      const answer = await call(listBackupsApi, `/api/admin/backups${bad}`);
      expect(answer.status, bad).toBe(422);
      expect(answer.json!.error).toBe("validation_failed");
    }
    expect((await call(listBackupsApi, "/api/admin/backups", { token: ownerToken })).status).toBe(403);
    expect([401, 403]).toContain((await call(listBackupsApi, "/api/admin/backups", { cookie: ownerCookie })).status);
    expect((await call(listBackupsApi, "/api/admin/backups", {})).status).toBe(401);
    // The tenant's own host does not serve the admin API.
    expect((await callRoute(listBackupsApi, { host: `${acme.slug}.localhost:3000`, path: "/api/admin/backups", token: ownerToken })).status).toBe(404);
  });
});
