-- Self-service sign-up and "find my workspace" from the apex, through the platform role (the web tier
-- has no owner). Two narrow SECURITY DEFINER functions, owned by the migrator's role, EXECUTE for the
-- platform role only (lib/db/grants.ts).

-- Creates an active tenant in ONE transaction: the tenant row (status provisioning), its schema and
-- migrations (create_tenant_schema), its owner (invited, no password), default settings, the owner's
-- set-password token (only its hash) and the audit row. Any failure leaves nothing behind. A taken slug
-- raises unique_violation (23505); an unknown plan raises 22023.
CREATE OR REPLACE FUNCTION public.provision_tenant_from_web(
  p_slug text, p_name text, p_plan text, p_owner_email text, p_token_hash text, p_token_expires_at timestamptz, p_source text
) RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  v_tenant uuid;
  v_owner  uuid;
BEGIN
  IF p_slug IS NULL OR p_slug !~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' THEN
    RAISE EXCEPTION 'invalid slug %', p_slug USING ERRCODE = '22023';
  END IF;
  IF p_owner_email IS NULL OR p_owner_email !~ '^[^@\s]+@[^@\s]+$' OR length(p_token_hash) <> 64 THEN
    RAISE EXCEPTION 'invalid owner or token' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.plans WHERE id = p_plan) THEN
    RAISE EXCEPTION 'unknown plan %', p_plan USING ERRCODE = '22023';
  END IF;
  INSERT INTO public.tenants (name, slug, plan_id, status) VALUES (p_name, p_slug, p_plan, 'provisioning')
    ON CONFLICT (slug) DO NOTHING RETURNING id INTO v_tenant;
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'the slug % is taken', p_slug USING ERRCODE = '23505';
  END IF;
  PERFORM public.create_tenant_schema(v_tenant);
  INSERT INTO public.users (tenant_id, email, role, password_hash, status)
    VALUES (v_tenant, lower(p_owner_email), 'owner', NULL, 'invited') RETURNING id INTO v_owner;
  INSERT INTO public.tenant_settings (tenant_id) VALUES (v_tenant);
  INSERT INTO public.password_tokens (user_id, token_hash, purpose, expires_at) VALUES (v_owner, p_token_hash, 'set_password', p_token_expires_at);
  UPDATE public.tenants SET status = 'active', updated_at = now() WHERE id = v_tenant;
  INSERT INTO public.audit_logs (tenant_id, action, target, metadata)
    VALUES (v_tenant, 'tenant.provisioned', p_slug, jsonb_build_object('plan', p_plan, 'adminEmail', lower(p_owner_email), 'source', p_source, 'by', session_user));
  RETURN v_tenant;
END
$$;
REVOKE ALL ON FUNCTION public.provision_tenant_from_web(text, text, text, text, text, timestamptz, text) FROM PUBLIC;

-- The active workspaces where an address is a staff member (not a customer, not a disabled account):
-- what the "find my workspace" mail lists. Returns names and slugs only.
CREATE OR REPLACE FUNCTION public.find_staff_workspaces(p_email text)
RETURNS TABLE (slug text, name text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT t.slug, t.name
    FROM public.users u
    JOIN public.tenants t ON t.id = u.tenant_id
   WHERE u.email = lower(p_email)
     AND u.role IN ('owner', 'admin', 'manager', 'agent', 'viewer')
     AND u.status IN ('active', 'invited')
     AND t.status = 'active'
   ORDER BY t.name
   LIMIT 50
$$;
REVOKE ALL ON FUNCTION public.find_staff_workspaces(text) FROM PUBLIC;
