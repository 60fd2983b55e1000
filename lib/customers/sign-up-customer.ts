import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { newPasswordToken } from "@/lib/auth/password-token";
import { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { allowRateLimit, enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { customerSignUpSchema, type CustomerSignUpInput, type SignUpAccepted } from "./customer-schema";
import { sendAlreadyRegisteredMail, sendFinishSignUpMail } from "./sign-up-mail";

export function signUpAccepted(email: string): SignUpAccepted {
  return { accepted: true, email, message: `Check your email: we sent a message to ${email} with the next step.` };
}

/**
 * A portal visitor asks for a customer account. The answer is the same whether or not the address
 * already has an account here (staff included), so the form reveals nobody; the mail tells the
 * address's owner what happened. A new address gets an invited customer (no password, cannot sign
 * in) and a one-hour set-password link that finishes it; an address with a pending sign-up gets a new
 * link; any other existing account gets "you already have an account: sign in or reset", and nothing
 * changes. 5 requests per IP per hour per tenant; at most 3 mails per address per 15 minutes.
 */
export async function signUpCustomer(
  context: Pick<TenantRequestContext, "tenant">,
  rawInput: CustomerSignUpInput,
  origin: { ip: string; userAgent?: string | null; baseUrl: string },
): Promise<SignUpAccepted> {
  const parsed = customerSignUpSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create your account");
  const input = parsed.data;
  const tenant = context.tenant;
  await enforceRateLimit("customerSignUp", `${tenant.id}:${origin.ip}`, "Too many sign-ups from your network.");
  if (!(await allowRateLimit("customerSignUpMail", `${tenant.id}:${input.email}`))) return signUpAccepted(input.email);

  const existing = await sharedDb().user.findUnique({
    where: { tenantId_email: { tenantId: tenant.id, email: input.email } },
    select: { id: true, role: true, status: true, passwordHash: true },
  });
  try {
    if (!existing) {
      await startNewAccount(tenant, input, origin);
    } else if (existing.role === "customer" && existing.status === "invited" && existing.passwordHash === null) {
      await sendFinishLink(tenant, existing.id, input.email, origin.baseUrl);
    } else {
      await sendAlreadyRegisteredMail({ to: input.email, tenantId: tenant.id, signInUrl: `${origin.baseUrl}/login`, resetUrl: `${origin.baseUrl}/forgot-password` });
    }
  } catch (error) {
    // Two first sign-ups with one address at once: the unique index lets one through; both get the same answer.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    logger.info({ tenantId: tenant.id }, "concurrent sign-up for one address");
  }
  await recordAuditEvent({
    tenantId: tenant.id,
    actorUserId: existing?.id ?? null,
    action: existing ? "customer.sign_up_existing_address" : "customer.sign_up_requested",
    target: input.email,
    ip: origin.ip,
    userAgent: origin.userAgent ?? null,
  });
  return signUpAccepted(input.email);
}

async function startNewAccount(tenant: Pick<TenantRequestContext, "tenant">["tenant"], input: { name: string; email: string }, origin: { baseUrl: string }): Promise<void> {
  const link = newPasswordToken("set_password");
  await sharedDb().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { tenantId: tenant.id, email: input.email, name: input.name, role: "customer", status: "invited" } });
    await tx.passwordToken.create({ data: { userId: user.id, tokenHash: link.tokenHash, purpose: "set_password", expiresAt: link.expiresAt } });
  });
  await sendFinishSignUpMail({ to: input.email, tenantId: tenant.id, setPasswordUrl: `${origin.baseUrl}/set-password?token=${link.token}` });
}

async function sendFinishLink(tenant: Pick<TenantRequestContext, "tenant">["tenant"], userId: string, email: string, baseUrl: string): Promise<void> {
  const link = newPasswordToken("set_password");
  await sharedDb().passwordToken.create({ data: { userId, tokenHash: link.tokenHash, purpose: "set_password", expiresAt: link.expiresAt } });
  await sendFinishSignUpMail({ to: email, tenantId: tenant.id, setPasswordUrl: `${baseUrl}/set-password?token=${link.token}` });
}
