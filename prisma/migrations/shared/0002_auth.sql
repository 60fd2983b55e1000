-- Failed sign-in attempts, per account (tenant + email, whether or not it exists) and per client IP.
CREATE TABLE login_attempts (
  scope           text NOT NULL CHECK (scope IN ('account', 'ip')),
  key             text NOT NULL,
  failures        integer NOT NULL DEFAULT 0,
  locked_until    timestamptz(3),
  last_failure_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Audit reads go by tenant and time, security events by action.
CREATE INDEX audit_logs_action_created_at_idx ON audit_logs (action, created_at);
