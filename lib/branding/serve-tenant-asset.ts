import { errorResponse } from "@/lib/http/error-response";
import { requestFacts, tenantStep } from "@/lib/http/tenant-request";
import { getTenantObjectStream } from "@/lib/storage/s3";
import { assertTenantKey, tenantPrefix } from "@/lib/storage/tenant-object-key";

/** GET /assets/<key> on a tenant host: only that tenant's own branding files, never its documents or another tenant's. */
export async function serveTenantAsset(request: Request, keySegments: string[]): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    const key = keySegments.map((segment) => decodeURIComponent(segment)).join("/");
    try {
      assertTenantKey(context.tenant.id, key);
    } catch {
      return new Response("Not found", { status: 404 });
    }
    if (!key.startsWith(`${tenantPrefix(context.tenant.id)}branding/`)) return new Response("Not found", { status: 404 });
    const object = await getTenantObjectStream(context.tenant.id, key);
    if (!object) return new Response("Not found", { status: 404 });
    return new Response(object.body, {
      headers: {
        "content-type": object.contentType,
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
        ...(object.size !== undefined ? { "content-length": String(object.size) } : {}),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
