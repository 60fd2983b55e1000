import type { NextRequest } from "next/server";
import { isTlsTerminator, mayIssueCertificate } from "@/lib/domains/tls-check";

/**
 * The `ask` endpoint of Caddy's on-demand TLS: 200 to allow a certificate, 404 to refuse. Anyone but the
 * TLS terminator gets the same 404 as for a name that is not ours, before any lookup: it learns nothing.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const allowed = isTlsTerminator(request.headers, request.nextUrl.searchParams) && (await mayIssueCertificate(request.nextUrl.searchParams.get("domain")));
  return new Response(allowed ? "ok" : "not found", { status: allowed ? 200 : 404, headers: { "cache-control": "no-store" } });
}
