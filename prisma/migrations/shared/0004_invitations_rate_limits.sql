-- Team invitations use the password-token machinery with their own purpose (and a longer life).
ALTER TABLE password_tokens DROP CONSTRAINT password_tokens_purpose_check;
ALTER TABLE password_tokens ADD CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('set_password', 'reset_password', 'invite'));

-- Fixed-window counters for rate limits that must work without Redis (portal enquiries per IP, ...).
CREATE TABLE rate_limits (
  bucket       text NOT NULL,
  key          text NOT NULL,
  window_start timestamptz(3) NOT NULL,
  hits         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, key, window_start)
);
CREATE INDEX rate_limits_window_start_idx ON rate_limits (window_start);
