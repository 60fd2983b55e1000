-- Per-tenant health (lib/health): the latest check of each tenant, written by the health job and
-- `anchor health check`, read by the admin console. Platform data only: row-level security is on with no
-- policy for the app role, so a tenant's request can never read another tenant's (or its own) row; the
-- operator (owner) writes, the platform role reads (lib/db/grants.ts).
CREATE TABLE tenant_health (
  -- Named for what it is: the tenant this row is about; the row is platform data, not the tenant's (not in
  -- lib/tenants/tenant-shared-tables.ts: never backed up, restored or exported with the tenant).
  subject_tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('healthy', 'warning', 'critical')),
  reasons jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
  checks jsonb NOT NULL CHECK (jsonb_typeof(checks) = 'object'),
  noisy_neighbour boolean NOT NULL DEFAULT false,
  -- The tenant's own response-time baseline (exponential moving average over earlier checks).
  baseline_response_ms double precision,
  checked_at timestamptz NOT NULL DEFAULT now(),
  status_since timestamptz NOT NULL DEFAULT now(),
  -- The status platform admins were last told about: an alert goes out only when it changes.
  alerted_status text CHECK (alerted_status IN ('healthy', 'warning', 'critical')),
  alerted_at timestamptz
);
CREATE INDEX tenant_health_status_idx ON tenant_health (status, checked_at DESC);
ALTER TABLE tenant_health ENABLE ROW LEVEL SECURITY;
