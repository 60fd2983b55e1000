import { leadAcknowledgementMail, leadReceivedMail } from "@/emails/mail-templates";
import { logger } from "@/lib/log/logger";
import { tenantMailBrand } from "@/lib/mail/mail-brand";
import { sendMail } from "@/lib/mail/mailer";
import { renderMail, sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { listLeadStaff } from "./lead-staff";

export interface NewLead {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  propertyName: string | null;
}

/**
 * After an enquiry committed: every member who works leads (listLeadStaff: active owners, admins,
 * managers, agents) gets "New enquiry", the visitor a branded acknowledgement. A mail that cannot be
 * sent is logged; the enquiry stands either way.
 */
export async function notifyNewLead(tenantId: string, baseUrl: string, lead: NewLead): Promise<void> {
  try {
    const [brand, staff] = await Promise.all([tenantMailBrand(tenantId, baseUrl), listLeadStaff(tenantId)]);
    // One rendering for every staff recipient: the mail is the same for all of them.
    const staffMail = await renderMail(leadReceivedMail(brand, {
      visitorName: lead.name,
      visitorEmail: lead.email,
      visitorPhone: lead.phone,
      propertyTitle: lead.propertyName,
      message: lead.message,
      link: `${baseUrl}/dashboard/leads/${lead.id}`,
    }));
    const sends = [
      ...staff.map((member) => sendMail({ to: member.email, fromName: brand.name, replyTo: brand.replyTo ?? undefined, ...staffMail })),
      sendBrandedMail({ to: lead.email, brand, content: leadAcknowledgementMail(brand, { visitorName: lead.name, propertyTitle: lead.propertyName, message: lead.message }) }),
    ];
    for (const result of await Promise.allSettled(sends)) {
      if (result.status === "rejected") logger.error({ err: result.reason, tenantId, leadId: lead.id }, "a new-enquiry mail could not be sent");
    }
  } catch (error) {
    logger.error({ err: error, tenantId, leadId: lead.id }, "new-enquiry mails could not be prepared");
  }
}
