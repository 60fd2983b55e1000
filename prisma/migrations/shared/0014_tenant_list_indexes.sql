-- The admin console's tenant list (lib/admin-console/list-tenants.ts): search by name, slug or custom
-- domain (substring, case-insensitive), sort by name / created / snapshot columns, keyset-paged.
-- Each tenant's property count joins the analytics snapshot, so the list reads no tenant schema.
ALTER TABLE analytics_tenant_usage ADD COLUMN properties integer NOT NULL DEFAULT 0;

CREATE INDEX tenants_lower_name_id_idx ON tenants (lower(name), id);
CREATE INDEX tenants_created_at_id_idx ON tenants (created_at, id);
CREATE INDEX analytics_tenant_usage_api_calls_idx ON analytics_tenant_usage (snapshot_id, api_calls_30d DESC);
CREATE INDEX analytics_tenant_usage_last_activity_idx ON analytics_tenant_usage (snapshot_id, last_activity DESC NULLS LAST);

-- Substring search uses trigram indexes where the pg_trgm extension can be created (trusted since
-- PostgreSQL 13: a database owner may). Elsewhere the same ILIKE query runs on prefix indexes and scans.
DO $search$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN undefined_file OR insufficient_privilege OR feature_not_supported THEN
    RAISE NOTICE 'pg_trgm unavailable (%): tenant search uses prefix indexes', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX tenants_name_trgm_idx ON tenants USING gin (name gin_trgm_ops)';
    EXECUTE 'CREATE INDEX tenants_slug_trgm_idx ON tenants USING gin (slug gin_trgm_ops)';
    EXECUTE 'CREATE INDEX tenants_custom_domain_trgm_idx ON tenants USING gin (custom_domain gin_trgm_ops) WHERE custom_domain IS NOT NULL';
  ELSE
    CREATE INDEX tenants_slug_pattern_idx ON tenants (slug text_pattern_ops);
    CREATE INDEX tenants_lower_name_pattern_idx ON tenants (lower(name) text_pattern_ops);
  END IF;
END
$search$;
