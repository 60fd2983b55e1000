import { describe, expect, it } from "vitest";
import { parsed, runInProcess } from "@/lib/cli/cli-test-support";
import { EXIT_OK } from "@/lib/cli/output";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { seedRichTenant, tenantFingerprint } from "./backup-test-support";
import { findBackup, listBackups } from "./find-backup";
import { restoreBackup } from "./restore-backup";
import { listTenantObjects } from "./tenant-files";

interface DeletedJson {
  id: string;
  slug: string;
  status: string;
  finalBackup: string | null;
  filesRemoved: number;
}

async function deleteViaCli(args: string[]): Promise<DeletedJson> {
  const run = await runInProcess(["tenants", "delete", ...args, "--yes", "--json"]);
  expect(run.exitCode, run.stdout + run.stderr).toBe(EXIT_OK);
  return parsed<DeletedJson>(run);
}

function withoutAudit(fingerprint: Record<string, unknown>): Record<string, unknown> {
  const { "public.audit_logs": _audit, ...rest } = fingerprint;
  return rest;
}

describe("tenants delete", () => {
  it("takes a final backup, removes the tenant's files, and the backup brings the tenant back", async () => {
    const tenant = await seedRichTenant();
    const other = await seedRichTenant();
    const before = await tenantFingerprint(tenant.id);
    const otherBefore = await tenantFingerprint(other.id);
    const deleted = await deleteViaCli([tenant.slug]);
    expect(deleted).toMatchObject({ status: "deleted", filesRemoved: 2, finalBackup: expect.stringMatching(/^bk-/) });
    expect((await findBackup(deleted.finalBackup!)).kind).toBe("final");
    expect(await listTenantObjects(tenant.id)).toEqual([]);
    const users = await ownerPool().query("SELECT 1 FROM public.users WHERE tenant_id = $1", [tenant.id]);
    expect(users.rowCount).toBe(0);
    expect(await tenantFingerprint(other.id)).toEqual(otherBefore);

    await restoreBackup(deleted.finalBackup!);
    const restored = await tenantFingerprint(tenant.id);
    expect(withoutAudit(restored)).toEqual(withoutAudit(before));
    const { rows } = await ownerPool().query("SELECT status FROM public.tenants WHERE id = $1", [tenant.id]);
    expect(rows[0].status).toBe("active");
    const schemas = await ownerPool().query("SELECT 1 FROM public.schema_migrations WHERE schema_name = $1", [tenantSchemaName(tenant.id)]);
    expect(schemas.rowCount).toBe(6);
  });

  it("--no-backup deletes without one", async () => {
    const tenant = await seedRichTenant();
    const deleted = await deleteViaCli([tenant.slug, "--no-backup"]);
    expect(deleted).toMatchObject({ finalBackup: null, filesRemoved: 2 });
    expect(await listBackups(tenant.slug)).toEqual([]);
  });
});
