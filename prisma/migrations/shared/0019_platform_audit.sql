-- The admin console's Security and Audit pages read events across tenants. Audit rows are beyond the
-- platform role (row-level security shows it only platform rows), so this one read-only function, owned by
-- the migrator's role and EXECUTE for the platform role only (lib/db/grants.ts), returns them: newest
-- first, keyset-paged on (created_at, id), filtered by action prefixes, tenant slug and day range.
CREATE OR REPLACE FUNCTION public.platform_audit_events(
  p_action_prefixes text[], p_tenant_slug text, p_from timestamptz, p_to timestamptz, p_before timestamptz, p_before_id uuid, p_limit int
) RETURNS TABLE (id uuid, created_at timestamptz, tenant_slug text, tenant_name text, actor_email text, action text, target text, ip text, metadata jsonb)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT a.id, a.created_at, t.slug, t.name, u.email, a.action, a.target, a.ip, a.metadata
    FROM public.audit_logs a
    LEFT JOIN public.tenants t ON t.id = a.tenant_id
    LEFT JOIN public.users u ON u.id = a.actor_user_id
   WHERE (p_action_prefixes IS NULL OR EXISTS (SELECT 1 FROM unnest(p_action_prefixes) AS prefix WHERE starts_with(a.action, prefix)))
     AND (p_tenant_slug IS NULL OR t.slug = p_tenant_slug)
     AND (p_from IS NULL OR a.created_at >= p_from)
     AND (p_to IS NULL OR a.created_at < p_to)
     AND (p_before IS NULL OR (a.created_at, a.id) < (p_before, p_before_id))
   ORDER BY a.created_at DESC, a.id DESC
   LIMIT least(greatest(coalesce(p_limit, 50), 1), 201)
$$;
REVOKE ALL ON FUNCTION public.platform_audit_events(text[], text, timestamptz, timestamptz, timestamptz, uuid, int) FROM PUBLIC;
