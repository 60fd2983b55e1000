-- Sign-in lockouts (lib/auth/login-throttle.ts) and every other per-IP / per-account limit now live in
-- the one limiter (lib/rate-limit, Redis through lib/kv; policies in lib/rate-limit/policies.ts).
-- rate_limits has had no reader since the sliding-window limiter; login_attempts none after this change.
-- Locks in force when this runs are forgotten (at most 1 h of lock; counts restart at 0).
DROP TABLE IF EXISTS rate_limits;
DROP TABLE IF EXISTS login_attempts;
