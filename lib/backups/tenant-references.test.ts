import { expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { TENANT_USER_REFERENCES } from "./tenant-references";

it("declares every uuid column of a tenant schema that is neither a primary key nor a foreign key (they hold user ids)", async () => {
  const tenant = await seedTenant();
  const { rows } = await ownerPool().query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'uuid'::regtype
        AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype IN ('p', 'f') AND a.attnum = ANY (con.conkey))
      ORDER BY 1, 2`,
    [tenantSchemaName(tenant.id)],
  );
  expect(rows).toEqual([...TENANT_USER_REFERENCES].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`)));
});
