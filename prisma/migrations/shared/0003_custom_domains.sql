-- Custom-domain lifecycle: when it was verified, last checked, and since when its DNS has been failing.
ALTER TABLE tenants ADD COLUMN custom_domain_verified_at timestamptz(3);
ALTER TABLE tenants ADD COLUMN custom_domain_checked_at timestamptz(3);
ALTER TABLE tenants ADD COLUMN custom_domain_failing_since timestamptz(3);
CREATE INDEX tenants_custom_domain_verified_idx ON tenants (custom_domain_verified) WHERE custom_domain IS NOT NULL;

-- Single-use, 60-second tokens that carry a staff session from {slug}.<root> to the tenant's custom domain.
CREATE TABLE handoff_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  audience   text NOT NULL,
  expires_at timestamptz(3) NOT NULL,
  used_at    timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX handoff_tokens_user_id_idx ON handoff_tokens (user_id);
