-- Suspension with a reason (issue 13): why, when and by whom a tenant was suspended. The reason is shown to
-- the tenant's own staff on its suspended page, never to its customers; reactivation clears all three.
ALTER TABLE tenants
  ADD COLUMN suspension_reason text CHECK (suspension_reason IS NULL OR char_length(suspension_reason) BETWEEN 3 AND 500),
  ADD COLUMN suspended_at timestamptz(3),
  ADD COLUMN suspended_by uuid REFERENCES users(id) ON DELETE SET NULL;

-- The admin console's mutations (lib/admin-operations): the web tier holds no owner credentials, so a
-- platform admin's request is queued here (platform role: insert and read) and run by a process that
-- has them (the job worker, `anchor operations work`), which records its steps and outcome. Platform
-- data, not a tenant's: not in lib/tenants/tenant-shared-tables.ts.
CREATE TABLE admin_operations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  tenant_slug text,
  input jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(input) = 'object'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  steps jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(steps) = 'array'),
  result jsonb,
  error jsonb,
  requested_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3)
);
CREATE INDEX admin_operations_queued_idx ON admin_operations (created_at) WHERE status = 'queued';
CREATE INDEX admin_operations_tenant_idx ON admin_operations (tenant_slug, created_at DESC);
ALTER TABLE admin_operations ENABLE ROW LEVEL SECURITY;
