-- The admin console's Plans page lists the tenants whose entitlements differ from their plan. Settings rows
-- are beyond the platform role (row-level security, no grant), so this one read-only function, owned by the
-- migrator's role and EXECUTE for the platform role only (lib/db/grants.ts), returns just the stored
-- overrides (never any other setting) of tenants that have any. Read only by lib/tenant-profile.
CREATE OR REPLACE FUNCTION public.platform_profile_overrides()
RETURNS TABLE (tenant_id uuid, feature_flags jsonb, limit_overrides jsonb)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT s.tenant_id, s.feature_flags, s.limit_overrides
    FROM public.tenant_settings s
   WHERE s.feature_flags <> '{}'::jsonb OR s.limit_overrides <> '{}'::jsonb
$$;
REVOKE ALL ON FUNCTION public.platform_profile_overrides() FROM PUBLIC;
