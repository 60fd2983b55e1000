import { platformDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";

export interface AdminTenant {
  id: string;
  slug: string;
  name: string;
  status: string;
}

/** A servable tenant by slug, as the platform role reads it (admin console and CLI alike); 404 otherwise. */
export async function findAdminTenant(slug: string): Promise<AdminTenant> {
  const tenant = await platformDb().tenant.findFirst({ where: { slug, status: { in: ["active", "suspended"] } }, select: { id: true, slug: true, name: true, status: true } });
  if (!tenant) throw new AppError({ code: "not_found", message: `No tenant "${slug}"` });
  return tenant;
}
