-- Plans become typed data (lib/plans/plans.ts): standard, professional, enterprise, the design
-- document's tiers. This table keeps only their ids (tenants.plan_id references it) and names.
INSERT INTO plans (id, name, max_properties, max_members, custom_js_allowed) VALUES
  ('professional', 'Professional', 50000, 200, false)
ON CONFLICT (id) DO NOTHING;
UPDATE plans SET name = 'Standard' WHERE id = 'standard';
UPDATE plans SET name = 'Enterprise' WHERE id = 'enterprise';

-- Starter folds into Standard: every limit of Standard is at least Starter's, so nobody ends up over quota.
INSERT INTO audit_logs (tenant_id, action, target, metadata)
  SELECT id, 'tenant.plan_changed', slug, '{"from": "starter", "to": "standard", "by": "migration 0008_plans_profile"}'::jsonb
    FROM tenants WHERE plan_id = 'starter';
UPDATE tenants SET plan_id = 'standard', updated_at = now() WHERE plan_id = 'starter';
DELETE FROM plans WHERE id = 'starter';

ALTER TABLE plans DROP COLUMN max_properties, DROP COLUMN max_members, DROP COLUMN custom_js_allowed;
ALTER TABLE plans ADD CONSTRAINT plans_id_check CHECK (id IN ('standard', 'professional', 'enterprise'));

-- feature_flags: per-tenant overrides of the plan's features, only the typed flags, booleans.
UPDATE tenant_settings s
   SET feature_flags = (
     SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}'::jsonb)
       FROM jsonb_each(CASE WHEN jsonb_typeof(s.feature_flags) = 'object' THEN s.feature_flags ELSE '{}'::jsonb END) f
      WHERE f.key IN ('customDomain', 'customJs', 'advancedAnalytics') AND jsonb_typeof(f.value) = 'boolean');
ALTER TABLE tenant_settings ADD CONSTRAINT tenant_settings_feature_flags_object CHECK (jsonb_typeof(feature_flags) = 'object');

-- Enterprise contracts: per-tenant limit overrides ({"apiRequestsPerMinute": 5000, ...}); ignored on other plans.
ALTER TABLE tenant_settings ADD COLUMN limit_overrides jsonb NOT NULL DEFAULT '{}'
  CONSTRAINT tenant_settings_limit_overrides_object CHECK (jsonb_typeof(limit_overrides) = 'object');
