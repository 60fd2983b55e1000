-- Cross-tenant analytics (lib/platform-analytics): the seed's SystemAnalyticsService computed by a job
-- into snapshots, so a console page view reads one snapshot instead of querying every tenant. Platform
-- data: row-level security on with no app-role policy; the operator writes, the platform role reads.
CREATE TABLE analytics_snapshots (
  id          bigserial PRIMARY KEY,
  taken_at    timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL,
  tenants     integer NOT NULL
);
CREATE INDEX analytics_snapshots_taken_at_idx ON analytics_snapshots (taken_at DESC);

CREATE TABLE analytics_tenant_usage (
  snapshot_id        bigint NOT NULL REFERENCES analytics_snapshots(id) ON DELETE CASCADE,
  -- The tenant measured (platform data about it, not its rows; see 0010_tenant_health.sql).
  subject_tenant_id  uuid NOT NULL,
  slug               text NOT NULL,
  name               text NOT NULL,
  plan_id            text NOT NULL,
  status             text NOT NULL,
  tenant_created_at  timestamptz NOT NULL,
  db_size_bytes      bigint NOT NULL,
  storage_bytes      bigint NOT NULL,
  api_calls_30d      bigint NOT NULL,
  users              integer NOT NULL,
  activity_count_7d  integer NOT NULL,
  last_activity      timestamptz,
  PRIMARY KEY (snapshot_id, subject_tenant_id)
);
CREATE INDEX analytics_tenant_usage_db_size_idx ON analytics_tenant_usage (snapshot_id, db_size_bytes DESC);
ALTER TABLE analytics_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_tenant_usage ENABLE ROW LEVEL SECURITY;
