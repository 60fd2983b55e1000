import { checkPlatformHealth } from "@/lib/health/check-platform-health";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when PostgreSQL, Redis and S3 answer, 503 when one is down. No tenant data. */
export async function GET(): Promise<Response> {
  const health = await checkPlatformHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
