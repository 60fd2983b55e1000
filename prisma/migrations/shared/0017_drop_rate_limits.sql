-- Sign-in lockouts (lib/auth/login-throttle.ts) and every other per-IP / per-account limit now live in
-- the one limiter (lib/rate-limit, Redis through lib/kv; policies in lib/rate-limit/policies.ts).
-- rate_limits has had no reader since the sliding-window limiter; login_attempts none after this change.
-- Locks in force when this runs are forgotten (at most 1 h of lock; counts restart at 0).
DROP TABLE IF EXISTS rate_limits;
DROP TABLE IF EXISTS login_attempts;

-- Approaching-limit notices (lib/usage/check-limit-notices.ts): one row per tenant, limit, threshold (80 or
-- 100 %) and period (UTC month 'YYYY-MM' for quotas, UTC day 'YYYY-MM-DD' for the API rate limit). The
-- primary key is the de-duplication: a notice is mailed only by the insert that created its row. Platform
-- data about the tenant's subscription, like tenant_health (hence subject_tenant_id, not in
-- lib/tenants/tenant-shared-tables.ts: not backed up; after a restore a notice may be mailed again). The
-- app role reads and writes only the current tenant's rows (the dashboard banner, the checks after writes).
CREATE TABLE limit_notices (
  subject_tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  limit_name text NOT NULL CHECK (limit_name IN ('members', 'properties', 'storageBytes', 'apiRequestsPerMinute')),
  threshold smallint NOT NULL CHECK (threshold IN (80, 100)),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'),
  usage bigint NOT NULL CHECK (usage >= 0),
  max bigint NOT NULL CHECK (max >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_tenant_id, limit_name, threshold, period)
);
ALTER TABLE limit_notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE limit_notices FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON limit_notices TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY tenant_rows ON limit_notices
  USING (subject_tenant_id = app_current_tenant()) WITH CHECK (subject_tenant_id = app_current_tenant());
