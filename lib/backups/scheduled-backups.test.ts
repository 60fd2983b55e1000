import { describe, expect, it } from "vitest";
import { parsed, runInProcess } from "@/lib/cli/cli-test-support";
import { EXIT_OK, EXIT_PARTIAL_FAILURE } from "@/lib/cli/output";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { resetTenants, seedTenant } from "@/lib/testing/seed-tenant";
import { backupStore } from "./backup-store";
import { createBackup } from "./create-backup";
import { findBackup, listBackups } from "./find-backup";
import type { PruneResult, RunDueResult } from "./scheduled-backups";

/** Ages a stored backup by rewriting its manifest's createdAt, as if it had been taken that long ago. */
async function backdate(id: string, daysAgo: number): Promise<void> {
  const manifest = await findBackup(id);
  const store = backupStore();
  await store.putJson(`${store.backupPrefix(manifest.tenant.id, id)}manifest.json`, { ...manifest, createdAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString() });
}

describe("scheduled backups", () => {
  it("run-due backs up due tenants only, goes on past a failing one and exits 3; prune applies the plan", async () => {
    await resetTenants();
    const fresh = await seedTenant();
    const stale = await seedTenant();
    const broken = await seedTenant();
    const upToDate = await seedTenant();
    await createBackup(upToDate.slug);
    const old = await createBackup(stale.slug);
    await backdate(old.summary.id, 2);
    await ownerPool().query(`DROP SCHEMA ${quoteIdent(tenantSchemaName(broken.id))} CASCADE`);

    const run = await runInProcess(["backups", "run-due", "--concurrency", "2", "--json"]);
    expect(run.exitCode, run.stdout).toBe(EXIT_PARTIAL_FAILURE);
    const result = parsed<RunDueResult>(run);
    expect(result).toMatchObject({ tenants: 4, due: 3 });
    expect(result.succeeded.map((each) => each.tenant).sort()).toEqual([fresh.slug, stale.slug].sort());
    expect(result.failed).toEqual([{ tenant: broken.slug, error: expect.stringContaining("has no schema") }]);
    expect((await listBackups(fresh.slug)).map((each) => each.kind)).toEqual(["scheduled"]);

    // stale (standard plan: 7 days, 3 kept at least) now has 2 backups; add 3 more and age them.
    for (const days of [10, 20, 30]) await backdate((await createBackup(stale.slug)).summary.id, days);
    expect(await listBackups(stale.slug)).toHaveLength(5);
    const dry = parsed<PruneResult>(await runInProcess(["backups", "prune", "--dry-run", "--json"]));
    expect(dry.pruned.map((each) => each.tenant)).toEqual([stale.slug, stale.slug]);
    expect(await listBackups(stale.slug)).toHaveLength(5);
    const pruned = await runInProcess(["backups", "prune", "--json"]);
    expect(pruned.exitCode).toBe(EXIT_OK);
    expect(parsed<PruneResult>(pruned).pruned.map((each) => each.id).sort()).toEqual(dry.pruned.map((each) => each.id).sort());
    const left = await listBackups(stale.slug);
    expect(left).toHaveLength(3);
    expect(left.map((each) => each.id)).toContain(old.summary.id);
    expect(await backupStore().listKeys(backupStore().backupPrefix(stale.id, dry.pruned[0]!.id))).toEqual([]);
  });
});
