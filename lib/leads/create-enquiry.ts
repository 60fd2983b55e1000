import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { propertyNotFound } from "@/lib/properties/get-property";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { enquiryInputSchema, type EnquiryInput } from "./lead-schema";

const ENQUIRIES_PER_IP = { bucket: "portal-enquiry", limit: 5, windowMs: 10 * 60_000 };

/**
 * A portal visitor's enquiry about a published property → a lead staff see. Spam resistance: a
 * honeypot field (filled → answered as accepted, nothing stored) and 5 enquiries per IP per 10 minutes.
 */
export async function createEnquiry(
  context: Pick<TenantRequestContext, "tenant">,
  rawInput: EnquiryInput,
  origin: { ip: string; customerUserId?: string | null },
): Promise<{ accepted: true }> {
  const parsed = enquiryInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Enquiry not sent");
  const { website, phone, ...enquiry } = parsed.data;
  if (website && website.trim() !== "") return { accepted: true };
  await enforceRateLimit(ENQUIRIES_PER_IP, `${context.tenant.id}:${origin.ip}`, "Too many enquiries from your network.");
  const db = forTenant(context.tenant);
  const property = await db.property.findFirst({ where: { id: enquiry.propertyId, published: true }, select: { id: true } });
  if (!property) throw propertyNotFound();
  const lead = await db.lead.create({ data: { ...enquiry, phone: phone ?? null, ip: origin.ip, customerUserId: origin.customerUserId ?? null } });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: origin.customerUserId ?? null, action: "lead.created", target: lead.id, ip: origin.ip, metadata: { propertyId: enquiry.propertyId } });
  return { accepted: true };
}
