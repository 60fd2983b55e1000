-- Shared tables in `public`. Tenant data never lives here; each tenant has its own schema.
CREATE TABLE plans (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  max_properties    integer NOT NULL,
  max_members       integer NOT NULL,
  custom_js_allowed boolean NOT NULL DEFAULT false,
  created_at        timestamptz(3) NOT NULL DEFAULT now()
);

INSERT INTO plans (id, name, max_properties, max_members, custom_js_allowed) VALUES
  ('starter',    'Starter',    100,    5,   false),
  ('standard',   'Standard',   10000,  50,  false),
  ('enterprise', 'Enterprise', 100000, 500, true);

CREATE TABLE tenants (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                   text NOT NULL,
  slug                   text NOT NULL UNIQUE,
  status                 text NOT NULL DEFAULT 'provisioning'
                         CHECK (status IN ('provisioning', 'active', 'suspended', 'deleted')),
  plan_id                text NOT NULL REFERENCES plans (id),
  custom_domain          text UNIQUE,
  custom_domain_verified boolean NOT NULL DEFAULT false,
  dns_verification_token text,
  created_at             timestamptz(3) NOT NULL DEFAULT now(),
  updated_at             timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$'),
  CHECK (custom_domain IS NULL OR custom_domain = lower(custom_domain))
);
CREATE INDEX tenants_status_idx ON tenants (status);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid REFERENCES tenants (id) ON DELETE CASCADE,
  email           text NOT NULL CHECK (email = lower(email)),
  name            text,
  role            text NOT NULL,
  password_hash   text,
  status          text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
  session_version integer NOT NULL DEFAULT 0,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  CHECK ((tenant_id IS NULL) = (role = 'platform_admin'))
);
-- NULLS NOT DISTINCT: platform admins (tenant_id NULL) are unique by email too.
CREATE UNIQUE INDEX users_tenant_id_email_key ON users (tenant_id, email) NULLS NOT DISTINCT;
CREATE INDEX users_tenant_id_role_idx ON users (tenant_id, role);

CREATE TABLE password_tokens (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  purpose    text NOT NULL CHECK (purpose IN ('set_password', 'reset_password')),
  expires_at timestamptz(3) NOT NULL,
  used_at    timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX password_tokens_user_id_idx ON password_tokens (user_id);

CREATE TABLE tenant_settings (
  tenant_id             uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  theme                 text NOT NULL DEFAULT 'light',
  primary_color         text NOT NULL DEFAULT '#1d4ed8',
  secondary_color       text NOT NULL DEFAULT '#0f172a',
  logo_url              text,
  favicon_url           text,
  custom_css_url        text,
  custom_js_url         text,
  custom_header_html    text,
  custom_footer_html    text,
  timezone              text NOT NULL DEFAULT 'UTC',
  date_format           text NOT NULL DEFAULT 'yyyy-MM-dd',
  currency              text NOT NULL DEFAULT 'USD',
  feature_flags         jsonb NOT NULL DEFAULT '{}',
  ui_config             jsonb NOT NULL DEFAULT '{}',
  notification_settings jsonb NOT NULL DEFAULT '{}',
  updated_at            timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE audit_logs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid REFERENCES tenants (id) ON DELETE SET NULL,
  actor_user_id uuid,
  action        text NOT NULL,
  target        text,
  ip            text,
  user_agent    text,
  metadata      jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_tenant_id_created_at_idx ON audit_logs (tenant_id, created_at);
