import { serveTenantAsset } from "@/lib/branding/serve-tenant-asset";

export async function GET(request: Request, route: { params: Promise<{ key: string[] }> }): Promise<Response> {
  return serveTenantAsset(request, (await route.params).key);
}
