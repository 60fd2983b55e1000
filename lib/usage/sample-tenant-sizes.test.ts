import { describe, expect, it } from "vitest";
import { runInProcess, parsed } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { ensureBucket, putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";
import { JOB_NAMES } from "@/lib/jobs/jobs";
import { readUsageReport, type UsageReport } from "./read-usage";
import { usageKeys, utcDay } from "./usage-keys";
import { usageStore } from "./usage-store";
import { sampleTenantSizes } from "./sample-tenant-sizes";

// The usage-sizes job on real Postgres, S3 and Redis: each tenant's own schema size and S3 bytes, daily.

describe("usage-sizes job", () => {
  it("records each tenant's schema size and S3 bytes for today, read by the usage report and `anchor usage show`; tenants do not see each other's", async () => {
    expect(JOB_NAMES).toContain("usage-sizes");
    await ensureBucket();
    const acme = await seedTenant();
    const globex = await seedTenant();
    await seedProperty(acme.ref, { name: "Sized Cottage" });
    await putObject(tenantObjectKey(acme.id, "documents", "a.txt"), "x".repeat(1_000), "text/plain");
    await putObject(tenantObjectKey(acme.id, "documents", "b.txt"), "y".repeat(234), "text/plain");
    await putObject(tenantObjectKey(globex.id, "documents", "c.txt"), "z".repeat(10), "text/plain");
    expect((await readUsageReport(acme.id, 2)).sizes).toEqual([]);

    const today = utcDay(Date.now());
    const summary = await sampleTenantSizes();
    expect(summary.day).toBe(today);
    expect(summary.tenants).toBeGreaterThanOrEqual(2);

    const { rows } = await ownerPool().query<{ bytes: string }>(
      "SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')",
      [tenantSchemaName(acme.id)],
    );
    const acmeReport = await readUsageReport(acme.id, 2);
    expect(acmeReport.sizes).toEqual([{ day: today, dbBytes: Number(rows[0]!.bytes), storageBytes: 1_234 }]);
    expect(acmeReport.sizes[0]!.dbBytes).toBeGreaterThan(0);
    expect((await readUsageReport(globex.id, 2)).sizes).toEqual([{ day: today, dbBytes: expect.any(Number), storageBytes: 10 }]);

    // A second run the same day replaces the sample rather than adding to it.
    await putObject(tenantObjectKey(acme.id, "documents", "a.txt"), "x".repeat(500), "text/plain");
    await sampleTenantSizes();
    expect((await readUsageReport(acme.id, 2)).sizes.map((sample) => sample.storageBytes)).toEqual([734]);
    expect(await (await usageStore()).hashes([usageKeys.sizes(acme.id, today)])).toEqual([{ dbBytes: Number(rows[0]!.bytes), storageBytes: 734 }]);

    const show = await runInProcess(["usage", "show", acme.slug, "--days", "1", "--json"]);
    expect(show.exitCode).toBe(0);
    expect(parsed<UsageReport>(show).sizes).toEqual([{ day: today, dbBytes: Number(rows[0]!.bytes), storageBytes: 734 }]);
    const table = await runInProcess(["usage", "show", acme.slug, "--days", "1"]);
    expect(table.stdout).toContain("SAMPLED");
    expect(table.stdout).toContain("734 B");
  });
});
