import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Migration } from "./migrations";
import { platformPool } from "./pools";
import { quoteIdent } from "./schema-name";

const MIGRATOR_LOCK_KEY = 4_727_001;

/**
 * The one DDL path open to the web tier (docs/security.md, section 3): `public.create_tenant_schema(uuid)`,
 * SECURITY DEFINER, owned by the owner, EXECUTE for the platform role only. It creates only
 * `tenant_<32 hex>` of a tenant whose row the owner's provisioning path left in status `provisioning`,
 * grants it to the app role, applies the tenant migrations embedded in it (the migrator re-creates it
 * with the current files on every `migrate`), records them in schema_migrations and audits the creation.
 */
export async function installTenantSchemaFunction(client: pg.ClientBase, tenantMigrations: Migration[], appRole: string, platformRole: string): Promise<void> {
  const list = (values: string[]) => (values.length === 0 ? "ARRAY[]::text[]" : `ARRAY[${values.map((value) => client.escapeLiteral(value)).join(", ")}]`);
  const app = client.escapeLiteral(quoteIdent(appRole));
  const tag = `$fn_${randomBytes(6).toString("hex")}$`;
  await client.query(`
    CREATE OR REPLACE FUNCTION public.create_tenant_schema(p_tenant_id uuid) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS ${tag}
    DECLARE
      v_schema   text := 'tenant_' || replace(p_tenant_id::text, '-', '');
      v_versions text[] := ${list(tenantMigrations.map((migration) => migration.version))};
      v_names    text[] := ${list(tenantMigrations.map((migration) => migration.name))};
      v_sums     text[] := ${list(tenantMigrations.map((migration) => migration.checksum))};
      v_sql      text[] := ${list(tenantMigrations.map((migration) => migration.sql))};
      v_applied  text;
      v_done     int := 0;
    BEGIN
      IF p_tenant_id IS NULL THEN
        RAISE EXCEPTION 'a tenant id is required' USING ERRCODE = '22004';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM public.tenants WHERE id = p_tenant_id AND status = 'provisioning') THEN
        RAISE EXCEPTION 'no tenant % is being provisioned', p_tenant_id USING ERRCODE = '42704';
      END IF;
      PERFORM pg_advisory_xact_lock(${MIGRATOR_LOCK_KEY}, hashtext(v_schema));
      EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', v_schema);
      EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', v_schema);
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', v_schema, ${app});
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s', v_schema, ${app});
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %s', v_schema, ${app});
      FOR i IN 1 .. coalesce(array_length(v_versions, 1), 0) LOOP
        SELECT checksum INTO v_applied FROM public.schema_migrations WHERE schema_name = v_schema AND version = v_versions[i];
        IF v_applied IS NULL THEN
          PERFORM set_config('search_path', quote_ident(v_schema), true);
          EXECUTE v_sql[i];
          PERFORM set_config('search_path', 'pg_catalog, public', true);
          INSERT INTO public.schema_migrations (schema_name, version, name, checksum) VALUES (v_schema, v_versions[i], v_names[i], v_sums[i]);
          v_done := v_done + 1;
        ELSIF v_applied <> v_sums[i] THEN
          RAISE EXCEPTION 'migration % was changed after it was applied to %', v_versions[i], v_schema;
        END IF;
      END LOOP;
      INSERT INTO public.audit_logs (tenant_id, action, target, metadata)
        VALUES (p_tenant_id, 'tenant.schema_created', v_schema, jsonb_build_object('migrationsApplied', v_done, 'by', session_user));
      RETURN v_schema;
    END
    ${tag};
    REVOKE ALL ON FUNCTION public.create_tenant_schema(uuid) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION public.create_tenant_schema(uuid) TO ${quoteIdent(platformRole)};
  `);
}

/** Creates and migrates a provisioning tenant's schema through the platform role (no owner credentials). */
export async function createTenantSchemaAsPlatform(tenantId: string): Promise<string> {
  const { rows } = await platformPool().query<{ schema: string }>("SELECT public.create_tenant_schema($1) AS schema", [tenantId]);
  return rows[0]!.schema;
}
