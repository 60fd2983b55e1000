-- Row-level security on every shared table that holds a tenant's rows (lib/tenants/tenant-shared-tables.ts).
-- The backstop under the app's own WHERE clauses: a role other than the owner sees and changes only the
-- rows of the tenant named by the transaction-local setting app.tenant_id
-- (`SELECT set_config('app.tenant_id', $1, true)`, which a transaction pooler keeps with its transaction).
-- Unset or empty: no tenant's rows at all (fail closed). The platform role's own policies (platform admins,
-- host routing) are created by the migrator (lib/db/grants.ts), which knows that role's name.

CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE password_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE handoff_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE handoff_tokens FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;

-- The owner (the role running this migration: migrator, operator CLI, backups) keeps every row. FORCE
-- applies RLS to table owners too, and the owner need not be a superuser or have BYPASSRLS.
CREATE POLICY owner_all ON tenants TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON tenant_settings TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON users TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON password_tokens TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON handoff_tokens TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON audit_logs TO CURRENT_USER USING (true) WITH CHECK (true);

-- Everyone else: the current tenant's rows only, for reads and for what a write leaves behind.
CREATE POLICY tenant_rows ON tenants
  USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());
CREATE POLICY tenant_rows ON tenant_settings
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
CREATE POLICY tenant_rows ON users
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
CREATE POLICY tenant_rows ON password_tokens
  USING (user_id IN (SELECT id FROM users WHERE tenant_id = app_current_tenant()))
  WITH CHECK (user_id IN (SELECT id FROM users WHERE tenant_id = app_current_tenant()));
-- A hand-off token must name a user of the same tenant: a token for another tenant's user is refused.
CREATE POLICY tenant_rows ON handoff_tokens
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant() AND user_id IN (SELECT id FROM users WHERE tenant_id = app_current_tenant()));
-- Audit logs are append-only below the owner: read and insert policies only (the grants also withhold
-- UPDATE and DELETE from the app and platform roles).
CREATE POLICY tenant_rows_read ON audit_logs FOR SELECT USING (tenant_id = app_current_tenant());
CREATE POLICY tenant_rows_append ON audit_logs FOR INSERT WITH CHECK (tenant_id = app_current_tenant());
