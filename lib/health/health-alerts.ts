import { platformPool } from "@/lib/db/pools";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { sendMail } from "@/lib/mail/mailer";
import type { HealthStatus } from "./health-thresholds";

export interface HealthAlert {
  tenantId: string;
  slug: string;
  name: string;
  from: HealthStatus;
  to: HealthStatus;
  reasons: string[];
  checkedAt: string;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;

function subject(alert: HealthAlert): string {
  if (alert.to === "healthy") return `[Asset Anchor] Recovered: ${alert.slug} is healthy again (was ${alert.from})`;
  return `[Asset Anchor] ${alert.to === "critical" ? "CRITICAL" : "Warning"}: ${alert.slug} is ${alert.to} (was ${alert.from})`;
}

function text(alert: HealthAlert): string {
  const reasons = alert.reasons.length === 0 ? "All checks pass." : alert.reasons.map((reason) => `- ${reason}`).join("\n");
  return `Tenant ${alert.name} (${alert.slug}) went from ${alert.from} to ${alert.to} at ${alert.checkedAt}.\n\n${reasons}\n`;
}

/** Every active platform admin's address (users with tenant_id NULL, read as the platform role). */
async function platformAdminEmails(): Promise<string[]> {
  const result = await platformPool().query<{ email: string }>("SELECT email FROM users WHERE tenant_id IS NULL AND role = 'platform_admin' AND status = 'active' ORDER BY email");
  return result.rows.map((row) => row.email);
}

/** Mails every platform admin and, with ALERT_WEBHOOK_URL set, POSTs the alert as JSON. Throws when a delivery fails. */
export async function alertHealthChange(alert: HealthAlert): Promise<void> {
  const recipients = await platformAdminEmails();
  for (const to of recipients) await sendMail({ to, subject: subject(alert), text: text(alert) });
  const webhook = env().ALERT_WEBHOOK_URL;
  if (webhook) {
    const response = await fetch(webhook, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: alert.to === "healthy" ? "tenant.health_recovered" : "tenant.health_changed", ...alert }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`ALERT_WEBHOOK_URL answered ${response.status}`);
  }
  logger.warn({ tenantId: alert.tenantId, from: alert.from, to: alert.to, recipients: recipients.length, webhook: Boolean(webhook) }, "tenant health alert sent");
}
