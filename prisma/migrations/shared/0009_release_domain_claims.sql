-- When a workspace proves a domain, other workspaces' unverified claims on it are released. Their rows are
-- beyond the app role's reach (row-level security), so this one function, owned by the migrator's role,
-- does exactly that and nothing else: only for a caller whose tenant now holds the domain verified, only
-- unverified claims on that domain, each released claim audited on the tenant that lost it.
CREATE OR REPLACE FUNCTION public.release_domain_claims(winner uuid, claimed_domain text)
RETURNS TABLE (tenant_id uuid)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF winner IS DISTINCT FROM public.app_current_tenant() THEN
    RAISE EXCEPTION 'release_domain_claims: % is not the current tenant', winner USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.tenants t WHERE t.id = winner AND t.custom_domain = claimed_domain AND t.custom_domain_verified) THEN
    RETURN;
  END IF;
  RETURN QUERY
  WITH released AS (
    UPDATE public.tenants t
       SET custom_domain = NULL, custom_domain_verified_at = NULL, custom_domain_checked_at = NULL,
           custom_domain_failing_since = NULL, custom_domain_claimed_at = NULL, dns_verification_token = NULL
     WHERE t.custom_domain = claimed_domain AND NOT t.custom_domain_verified AND t.id <> winner
    RETURNING t.id
  ), audited AS (
    INSERT INTO public.audit_logs (tenant_id, action, target, metadata)
    SELECT r.id, 'domain.claim_released', claimed_domain, jsonb_build_object('reason', 'verified_by_another_workspace')
      FROM released r
  )
  SELECT r.id FROM released r;
END
$$;
REVOKE ALL ON FUNCTION public.release_domain_claims(uuid, text) FROM PUBLIC;
