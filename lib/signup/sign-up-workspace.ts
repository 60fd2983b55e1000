import { newPasswordToken } from "@/lib/auth/password-token";
import { platformPool } from "@/lib/db/pools";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { sendWelcomeMail } from "@/lib/mail/welcome-mail";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import type { WorkspaceSignUpInput } from "./signup-schema";

/** Self-service sign-ups get the entry plan; an operator changes it later (`anchor tenants set-plan`). */
export const SELF_SERVICE_PLAN = "standard";

export interface WorkspaceSignUpResult {
  slug: string;
  workspaceUrl: string;
  message: string;
}

/** Answers 404 on a closed deployment (SIGNUP_ENABLED=false), as if there were no sign-up. */
export function requireSignUpEnabled(): void {
  if (!env().SIGNUP_ENABLED) throw new AppError({ code: "not_found", message: "Not found" });
}

/**
 * Creates a workspace from the apex's sign-up form, through the platform role: one database function
 * (`provision_tenant_from_web`, migration 0018) creates the tenant, its schema, its invited owner and the
 * set-password token in one transaction; then the change is announced and the owner gets the mail.
 */
export async function signUpWorkspace(input: WorkspaceSignUpInput, caller: { ip: string }): Promise<WorkspaceSignUpResult> {
  requireSignUpEnabled();
  await enforceRateLimit("workspaceSignUp", caller.ip, "Too many sign-ups from this address.");
  const workspaceUrl = tenantBaseUrl(input.slug);
  const result: WorkspaceSignUpResult = {
    slug: input.slug,
    workspaceUrl,
    message: `Your workspace is ready at ${new URL(workspaceUrl).host}. We sent ${input.ownerEmail} a link to choose your password.`,
  };
  if (input.website) return result;

  const token = newPasswordToken("set_password");
  let tenantId: string;
  try {
    const { rows } = await platformPool().query<{ id: string }>("SELECT public.provision_tenant_from_web($1, $2, $3, $4, $5, $6, 'signup') AS id", [
      input.slug,
      input.workspaceName,
      SELF_SERVICE_PLAN,
      input.ownerEmail,
      token.tokenHash,
      token.expiresAt,
    ]);
    tenantId = rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      throw new AppError({ code: "conflict", message: `The address "${input.slug}" is already taken`, fieldErrors: { slug: [`"${input.slug}" is already taken`] } });
    }
    throw error;
  }

  await publishTenantChange(tenantId);
  await sendWelcomeMail({ to: input.ownerEmail, tenantName: input.workspaceName, setPasswordUrl: `${workspaceUrl}/set-password?token=${token.token}` }).catch((error: unknown) =>
    logger.error({ err: error, tenantId }, "welcome mail of a self-service sign-up could not be sent"),
  );
  logger.info({ tenantId, slug: input.slug }, "workspace signed up");
  return result;
}
