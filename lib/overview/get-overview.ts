import { listAuditEvents, type AuditEventView } from "@/lib/audit/list-audit-events";
import type { Identity } from "@/lib/auth/identity";
import { can } from "@/lib/auth/permissions";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { PROPERTY_STATUSES } from "@/lib/properties/property-schema";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export type PropertyStatusCounts = Record<(typeof PROPERTY_STATUSES)[number], number>;

export interface MonthlyTransactions {
  count: number;
  total: string;
}

/**
 * The seam for the transactions figure: the transactions module owns that number
 * (lib/transactions/summarise-transactions.ts → summariseTransactionsThisMonth fits), the caller wires it in.
 */
export type MonthlyTransactionsSource = (context: Pick<TenantRequestContext, "tenant">) => Promise<MonthlyTransactions>;

export interface Overview {
  propertiesByStatus: PropertyStatusCounts;
  propertiesTotal: number;
  publishedProperties: number;
  openLeads: number;
  /** The last 10 audit events, or null when the viewer's role may not read the audit trail. */
  recentActivity: AuditEventView[] | null;
  /** Null when no source was given. */
  transactionsThisMonth: MonthlyTransactions | null;
}

const RECENT_ACTIVITY = 10;

/** The staff dashboard's figures for this tenant. */
export async function getOverview(
  context: Pick<TenantRequestContext, "tenant">,
  viewer: Pick<Identity, "role">,
  sources: { transactionsThisMonth?: MonthlyTransactionsSource } = {},
): Promise<Overview> {
  if (!can(viewer.role, "property:read")) throw new AppError({ code: "forbidden", message: `Your role (${viewer.role}) does not allow the overview` });
  const db = forTenant(context.tenant);
  const [statusGroups, publishedProperties, openLeads, recentActivity, transactionsThisMonth] = await Promise.all([
    db.property.groupBy({ by: ["status"], _count: { _all: true } }),
    db.property.count({ where: { published: true } }),
    can(viewer.role, "lead:read") ? db.lead.count({ where: { status: "new" } }) : Promise.resolve(0),
    can(viewer.role, "audit:read") ? listAuditEvents(context, { limit: RECENT_ACTIVITY }) : Promise.resolve(null),
    sources.transactionsThisMonth ? sources.transactionsThisMonth(context) : Promise.resolve(null),
  ]);
  const propertiesByStatus = Object.fromEntries(PROPERTY_STATUSES.map((status) => [status, 0])) as PropertyStatusCounts;
  let propertiesTotal = 0;
  for (const group of statusGroups) {
    propertiesTotal += group._count._all;
    if (group.status in propertiesByStatus) propertiesByStatus[group.status as keyof PropertyStatusCounts] = group._count._all;
  }
  return { propertiesByStatus, propertiesTotal, publishedProperties, openLeads, recentActivity, transactionsThisMonth };
}
