-- Domain claims (issue 10, finding 6): an unverified claim blocks nobody. Several workspaces may hold
-- an unverified claim on one domain; the first to prove it by TXT gets it and the other claims are
-- released. Only a verified domain is unique. Unverified claims expire 7 days after claimed_at.
ALTER TABLE tenants ADD COLUMN custom_domain_claimed_at timestamptz(3);
UPDATE tenants SET custom_domain_claimed_at = now() WHERE custom_domain IS NOT NULL;
ALTER TABLE tenants DROP CONSTRAINT tenants_custom_domain_key;
CREATE UNIQUE INDEX tenants_verified_custom_domain_key ON tenants (custom_domain) WHERE custom_domain_verified;
CREATE INDEX tenants_custom_domain_idx ON tenants (custom_domain) WHERE custom_domain IS NOT NULL;

-- login_attempts is pruned by age (lib/auth/login-throttle.ts): forgotten rows are found by last failure.
CREATE INDEX login_attempts_last_failure_at_idx ON login_attempts (last_failure_at);
