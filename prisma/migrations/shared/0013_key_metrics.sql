-- The key-metrics table (lib/health/key-metrics.ts) is computed with each analytics snapshot, as the
-- operator (it counts security events of every tenant), so the console reads values and their trend.
ALTER TABLE analytics_snapshots ADD COLUMN key_metrics jsonb;
