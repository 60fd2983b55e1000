import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/http/with-tenant";
import { tenantMailBrand } from "@/lib/mail/mail-brand";
import { MAIL_PREVIEW_NAMES, MAIL_PREVIEWS } from "@/lib/mail/mail-previews";
import { renderMail } from "@/lib/mail/send-branded-mail";

const formatSchema = z.object({ format: z.enum(["html", "text"]).default("html") });

/**
 * One mail template in this tenant's brand, as its customers would get it: the HTML (framed by
 * Settings → Mail preview, so it answers with its own policy: inline styles, no script) or the text part.
 */
export const GET = withTenant(
  async ({ context, params, query, request }) => {
    const preview = MAIL_PREVIEW_NAMES.find((name) => name === params.template);
    if (!preview) throw new AppError({ code: "not_found", message: `No mail template "${params.template}"` });
    const brand = await tenantMailBrand(context.tenant.id, new URL(request.url).origin);
    const mail = await renderMail(MAIL_PREVIEWS[preview].build(brand));
    const body = query.format === "text" ? `Subject: ${mail.subject}\n\n${mail.text}` : mail.html;
    return new Response(body, {
      headers: {
        "content-type": query.format === "text" ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-ancestors 'self'; sandbox",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { permission: "settings:edit", query: formatSchema },
);
