import { describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { EXIT_ERROR, EXIT_OK } from "@/lib/cli/output";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { getTenantObjectStream } from "@/lib/storage/s3";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { seedRichTenant, tenantFingerprint } from "./backup-test-support";
import type { CopyDataResult } from "./copy-tenant-data";

async function cli<T>(args: string[], expectedExit = EXIT_OK): Promise<T> {
  const run = await runInProcess([...args, "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(expectedExit);
  return parsed<T>(run);
}

function withoutAudit(fingerprint: Record<string, unknown>): Record<string, unknown> {
  const { "public.audit_logs": _audit, ...rest } = fingerprint;
  return rest;
}

describe("tenants copy-data", () => {
  it("copies every table with its files, reports id conflicts on a second run, and changes nothing else", async () => {
    const source = await seedRichTenant();
    const target = await seedTenant();
    const bystander = await seedRichTenant();
    const sourceBefore = await tenantFingerprint(source.id);
    const bystanderBefore = await tenantFingerprint(bystander.id);
    const targetSharedBefore = await tenantFingerprint(target.id);

    const first = await cli<CopyDataResult>(["tenants", "copy-data", source.slug, target.slug]);
    expect(first.tables.properties).toEqual({ sourceRows: 5, copied: 5, conflicts: 0, conflictingIds: [] });
    expect(first.tables.transactions!.copied).toBe(2);
    expect(first.files).toBe(1);
    expect(first.userReferencesCleared).toBe(2);
    const copied = await tenantFingerprint(target.id);
    expect(copied.properties).toEqual(sourceBefore.properties);
    const [document] = copied.documents as Array<{ key: string; uploader_id: string | null }>;
    expect(document!.key.startsWith(`${tenantSchemaName(target.id)}/`)).toBe(true);
    expect(document!.uploader_id).toBeNull();
    const object = await getTenantObjectStream(target.id, document!.key);
    expect(object).not.toBeNull();
    await object!.body.cancel();
    for (const name of ["public.users", "public.tenant_settings", "public.tenants"]) expect(copied[name]).toEqual(targetSharedBefore[name]);

    const second = await cli<CopyDataResult>(["tenants", "copy-data", source.slug, target.slug, "--tables", "properties"]);
    expect(second.tables.properties!.copied).toBe(0);
    expect(second.tables.properties!.conflicts).toBe(5);
    expect(second.tables.properties!.conflictingIds).toHaveLength(5);
    expect(withoutAudit(await tenantFingerprint(source.id))).toEqual(withoutAudit(sourceBefore));
    expect(await tenantFingerprint(bystander.id)).toEqual(bystanderBefore);
  });

  it("refuses a table whose parents are missing, an unknown table and the same tenant, changing nothing", async () => {
    const source = await seedRichTenant();
    const target = await seedTenant();
    const before = await tenantFingerprint(target.id);
    const orphan = await cli<ErrorJson>(["tenants", "copy-data", source.slug, target.slug, "--tables", "transactions"], EXIT_ERROR);
    expect(orphan.error).toMatchObject({ code: "conflict", message: expect.stringContaining("transactions") });
    expect((await cli<ErrorJson>(["tenants", "copy-data", source.slug, target.slug, "--tables", "nope"], EXIT_ERROR)).error.code).toBe("bad_request");
    expect((await cli<ErrorJson>(["tenants", "copy-data", source.slug, source.slug], EXIT_ERROR)).error.code).toBe("bad_request");
    expect(withoutAudit(await tenantFingerprint(target.id))).toEqual(withoutAudit(before));
    const count = await ownerPool().query(`SELECT count(*)::int AS n FROM ${quoteIdent(tenantSchemaName(target.id))}.transactions`);
    expect(count.rows[0].n).toBe(0);
  });
});
