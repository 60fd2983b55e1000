-- Maintenance mode (lib/maintenance): while maintenance_started_at is set, the tenant's pages show the
-- maintenance page and its API answers 503 with Retry-After (until maintenance_until, or a default).
-- Set and cleared by platform admins (the platform role may change these columns only, lib/db/grants.ts).
ALTER TABLE tenants ADD COLUMN maintenance_started_at timestamptz(3);
ALTER TABLE tenants ADD COLUMN maintenance_message text CHECK (char_length(maintenance_message) <= 500);
ALTER TABLE tenants ADD COLUMN maintenance_until timestamptz(3);

-- Impersonation (lib/impersonation): a platform admin signed in as one of a tenant's users, for at most
-- 30 minutes, read-only unless `write`. Platform data, like tenant_health: row-level security on with no
-- policy for the app role; the platform role reads and writes it (lib/db/grants.ts). Not a tenant's row
-- (not in lib/tenants/tenant-shared-tables.ts: never backed up or restored with the tenant).
CREATE TABLE impersonation_sessions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  admin_user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  write              boolean NOT NULL DEFAULT false,
  reason             text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  -- The one-time hand-off link to the tenant's host (hashed, single use, 60 seconds).
  handoff_token_hash text NOT NULL UNIQUE,
  handoff_expires_at timestamptz(3) NOT NULL,
  redeemed_at        timestamptz(3),
  expires_at         timestamptz(3) NOT NULL,
  ended_at           timestamptz(3),
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at AND expires_at <= created_at + interval '30 minutes')
);
CREATE INDEX impersonation_sessions_tenant_idx ON impersonation_sessions (subject_tenant_id, expires_at DESC);
ALTER TABLE impersonation_sessions ENABLE ROW LEVEL SECURITY;
