import { workspaceLinksMail } from "@/emails/mail-templates";
import { platformPool } from "@/lib/db/pools";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { platformMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { allowRateLimit, enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { apexUrl, tenantBaseUrl } from "@/lib/tenancy/tenant-urls";

export const FIND_WORKSPACE_ANSWER = "If that address belongs to any workspace, we have sent it the sign-in links. Check your inbox.";

/**
 * "Find my workspace": mails the address the sign-in links of the workspaces where it is staff (or says
 * there are none). The answer is the same whatever the address, and the lookup and mail run after it,
 * so neither the body nor the timing tells whether the address exists.
 */
export async function findWorkspaces(email: string, caller: { ip: string }): Promise<{ message: string; pending: Promise<void> }> {
  await enforceRateLimit("findWorkspaceIp", caller.ip, "Too many requests from this address.");
  const pending = mailWorkspaceLinks(email).catch((error: unknown) => logger.error({ err: error }, "find-my-workspace mail failed"));
  return { message: FIND_WORKSPACE_ANSWER, pending };
}

async function mailWorkspaceLinks(email: string): Promise<void> {
  if (!(await allowRateLimit("findWorkspaceMail", email))) return;
  const { rows } = await platformPool().query<{ slug: string; name: string }>("SELECT slug, name FROM public.find_staff_workspaces($1)", [email]);
  const brand = platformMailBrand(apexUrl());
  const workspaces = rows.map((row) => ({ name: row.name, signInUrl: `${tenantBaseUrl(row.slug)}/login` }));
  await sendBrandedMail({ to: email, brand, content: workspaceLinksMail(brand, { email, workspaces, signUpUrl: env().SIGNUP_ENABLED ? `${apexUrl()}/signup` : null }) });
}
