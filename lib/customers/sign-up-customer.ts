import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password-hash";
import { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { customerSignUpSchema, type CustomerSignUpInput, type CustomerView } from "./customer-schema";

const SIGN_UPS_PER_IP = { bucket: "customer-sign-up", limit: 5, windowMs: 60 * 60_000 };

function emailTaken(): AppError {
  return new AppError({
    code: "conflict",
    message: "An account with this email already exists here. Sign in, or reset your password if you forgot it.",
    fieldErrors: { email: ["An account with this email already exists"] },
  });
}

/**
 * A portal visitor becomes a customer of this tenant: active at once, argon2 password, one account
 * per tenant and email. Customers sign in through the same credentials provider as staff; their role
 * only grants portal:use. Limited to 5 sign-ups per IP per hour per tenant.
 */
export async function signUpCustomer(context: Pick<TenantRequestContext, "tenant">, rawInput: CustomerSignUpInput, origin: { ip: string; userAgent?: string | null }): Promise<CustomerView> {
  const parsed = customerSignUpSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create your account");
  const input = parsed.data;
  await enforceRateLimit(SIGN_UPS_PER_IP, `${context.tenant.id}:${origin.ip}`, "Too many sign-ups from your network.");
  const existing = await sharedDb().user.findUnique({ where: { tenantId_email: { tenantId: context.tenant.id, email: input.email } }, select: { id: true } });
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  let user;
  try {
    user = await sharedDb().user.create({
      data: { tenantId: context.tenant.id, email: input.email, name: input.name, role: "customer", status: "active", passwordHash },
    });
  } catch (error) {
    // Two sign-ups with one email at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: user.id, action: "customer.signed_up", target: user.email, ip: origin.ip, userAgent: origin.userAgent ?? null });
  return { id: user.id, email: user.email, name: user.name, role: "customer", createdAt: user.createdAt.toISOString() };
}
