import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password-hash";
import { platformDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { adminBaseUrl } from "@/lib/tenancy/tenant-urls";
import { emailSchema, passwordSchema } from "@/lib/tenants/tenant-input";

export const createPlatformAdminSchema = z.object({
  email: emailSchema,
  password: passwordSchema.optional(),
});

/** A platform admin (no tenant) who signs in on admin.<root>. Without a password, one is generated and returned once. */
export async function createPlatformAdmin(rawInput: z.input<typeof createPlatformAdminSchema>): Promise<{ id: string; email: string; password: string; generatedPassword: boolean; loginUrl: string }> {
  const parsed = createPlatformAdminSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create platform admin");
  const { email } = parsed.data;
  const password = parsed.data.password ?? randomBytes(15).toString("base64url");
  const existing = await platformDb().user.findFirst({ where: { tenantId: null, email } });
  if (existing) throw new AppError({ code: "conflict", message: `A platform admin with email ${email} already exists` });
  const user = await platformDb().user.create({
    data: { tenantId: null, email, role: "platform_admin", status: "active", passwordHash: await hashPassword(password) },
  });
  await recordAuditEvent({ tenantId: null, actorUserId: null, action: "platform.admin_created", target: email });
  return { id: user.id, email, password, generatedPassword: parsed.data.password === undefined, loginUrl: `${adminBaseUrl()}/login` };
}
