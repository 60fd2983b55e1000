import { describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";
import type { OptimizeReport } from "./optimize-tenant";

// VACUUM ANALYZE as the operator on real PostgreSQL; only the named tenant's schema is touched.

describe("anchor tenants optimize", () => {
  it("reports stale tables and bloat in a dry run, vacuums only with --apply and only that tenant", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    for (let index = 0; index < 20; index += 1) await seedProperty(tenant.ref, { name: `House ${index}` });
    await ownerPool().query(`DELETE FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties WHERE name <> 'House 0'`);

    // Table statistics reach pg_stat_user_tables when the deleting backend flushes them (≤ ~1 s): poll.
    const deadTuples = async () => Number((await ownerPool().query("SELECT n_dead_tup FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'properties'", [tenantSchemaName(tenant.id)])).rows[0]?.n_dead_tup ?? 0);
    for (const deadline = Date.now() + 10_000; (await deadTuples()) < 19 && Date.now() < deadline; ) await new Promise((resolve) => setImmediate(resolve));

    const dry = await runInProcess(["tenants", "optimize", tenant.slug, "--json"]);
    expect(dry.exitCode, dry.stdout + dry.stderr).toBe(0);
    const dryReport = parsed<OptimizeReport>(dry);
    const properties = dryReport.tables.find((table) => table.table === "properties")!;
    expect(properties).toMatchObject({ stale: true, vacuumed: false, deadRows: 19 });
    expect(properties.deadRatio).toBeGreaterThan(0.9);
    expect(dryReport.applied).toBe(false);
    const hasExtension = (await ownerPool().query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")).rowCount !== 0;
    if (!hasExtension) expect(dryReport).toMatchObject({ pgStatStatements: false, indexSuggestions: [] });

    const applied = parsed<OptimizeReport>(await runInProcess(["tenants", "optimize", tenant.slug, "--apply", "--json"]));
    expect(applied.tables.find((table) => table.table === "properties")).toMatchObject({ stale: true, vacuumed: true });
    const vacuumedAt = async (tenantId: string) =>
      (await ownerPool().query<{ last_vacuum: Date | null }>("SELECT last_vacuum FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'properties'", [tenantSchemaName(tenantId)])).rows[0]!.last_vacuum;
    expect(await vacuumedAt(tenant.id)).not.toBeNull();
    expect(await vacuumedAt(other.id)).toBeNull();

    const after = parsed<OptimizeReport>(await runInProcess(["tenants", "optimize", tenant.slug, "--json"]));
    expect(after.tables.find((table) => table.table === "properties")).toMatchObject({ stale: false, vacuumed: false });
  });

  it("needs exactly one of a slug or --all; an unknown slug is not found", async () => {
    const neither = await runInProcess(["tenants", "optimize", "--json"]);
    expect(neither.exitCode).toBe(1);
    expect(parsed<ErrorJson>(neither).error.code).toBe("validation_failed");
    const unknown = await runInProcess(["tenants", "optimize", "no-such-tenant", "--json"]);
    expect(parsed<ErrorJson>(unknown).error.code).toBe("not_found");
    const all = await runInProcess(["tenants", "optimize", "--all", "--json"]);
    expect(all.exitCode).toBe(0);
    expect(Array.isArray(parsed<OptimizeReport[]>(all))).toBe(true);
  });
});
