import { platformDb } from "@/lib/db/shared-client";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { AppError } from "@/lib/errors/app-error";

export interface TenantDetails {
  id: string;
  name: string;
  slug: string;
  schema: string;
  status: string;
  plan: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

const detailsSelect = {
  id: true,
  name: true,
  slug: true,
  status: true,
  planId: true,
  customDomain: true,
  customDomainVerified: true,
  createdAt: true,
  updatedAt: true,
} as const;

type DetailsRow = {
  id: string;
  name: string;
  slug: string;
  status: string;
  planId: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
};

function toDetails(row: DetailsRow): TenantDetails {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    schema: tenantSchemaName(row.id),
    status: row.status,
    plan: row.planId,
    customDomain: row.customDomain,
    customDomainVerified: row.customDomainVerified,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findTenantBySlug(slug: string): Promise<TenantDetails> {
  const row = await platformDb().tenant.findUnique({ where: { slug }, select: detailsSelect });
  if (!row) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
  return toDetails(row);
}

export async function listTenants(options: { includeDeleted?: boolean } = {}): Promise<TenantDetails[]> {
  const rows = await platformDb().tenant.findMany({
    where: options.includeDeleted ? {} : { status: { not: "deleted" } },
    orderBy: { createdAt: "asc" },
    select: detailsSelect,
  });
  return rows.map(toDetails);
}
