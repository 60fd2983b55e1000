import type { NextRequest } from "next/server";
import { mayIssueCertificate } from "@/lib/domains/tls-check";

/** The `ask` endpoint of Caddy's on-demand TLS: 200 to allow a certificate, 404 to refuse. */
export async function GET(request: NextRequest): Promise<Response> {
  const allowed = await mayIssueCertificate(request.nextUrl.searchParams.get("domain"));
  return new Response(allowed ? "ok" : "not found", { status: allowed ? 200 : 404, headers: { "cache-control": "no-store" } });
}
