import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { propertyNotFound } from "@/lib/properties/get-property";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { enquiryInputSchema } from "./lead-schema";
import { notifyNewLead } from "./notify-new-lead";

/** Checked before validation, so a bot learns nothing from field errors either. */
function honeypotFilled(rawInput: unknown): boolean {
  if (typeof rawInput !== "object" || rawInput === null || !("website" in rawInput)) return false;
  return typeof rawInput.website === "string" && rawInput.website.trim() !== "";
}

/**
 * A portal visitor's enquiry about a published property → a lead staff see. Spam resistance: a
 * honeypot field (filled → answered as accepted, nothing stored) and 5 enquiries per IP per 10 minutes.
 * `customerUserId` links the lead to a signed-in customer so they find it under their enquiries.
 * After the insert, staff and the visitor are mailed (notifyNewLead), with links on `baseUrl` (the
 * host the visitor used; the tenant's subdomain if not given).
 */
export async function createEnquiry(
  context: Pick<TenantRequestContext, "tenant">,
  rawInput: unknown,
  origin: { ip: string; customerUserId?: string | null; baseUrl?: string },
): Promise<{ accepted: true }> {
  if (honeypotFilled(rawInput)) return { accepted: true };
  const parsed = enquiryInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Enquiry not sent");
  const { website: _emptyHoneypot, phone, ...enquiry } = parsed.data;
  await enforceRateLimit("portalEnquiry", `${context.tenant.id}:${origin.ip}`, "Too many enquiries from your network.");
  const db = forTenant(context.tenant);
  const property = await db.property.findFirst({ where: { id: enquiry.propertyId, published: true }, select: { id: true, name: true } });
  if (!property) throw propertyNotFound();
  const customerUserId = origin.customerUserId ?? null;
  const lead = await db.lead.create({ data: { ...enquiry, phone: phone || null, ip: origin.ip, customerUserId } });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: customerUserId, action: "lead.created", target: lead.id, ip: origin.ip, metadata: { propertyId: enquiry.propertyId, name: lead.name } });
  await notifyNewLead(context.tenant.id, origin.baseUrl ?? tenantBaseUrl(context.tenant.slug), { id: lead.id, name: lead.name, email: lead.email, phone: lead.phone, message: lead.message, propertyName: property.name });
  return { accepted: true };
}
