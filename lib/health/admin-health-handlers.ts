import { z } from "zod";
import { readKeyMetrics } from "./key-metrics";
import { readTenantHealth } from "./read-tenant-health";

/**
 * The handlers of GET /api/admin/health and GET /api/admin/metrics, for withPlatformAdmin routes (the
 * wrapper parses the query, zod → 422). They read what the health job and `anchor health check` stored:
 * the web tier has no owner credentials, so checks run in the job (every 5 min) or the CLI, not per request.
 */
export const healthQuerySchema = z.object({ status: z.enum(["healthy", "warning", "critical"]).optional() });

export async function handleHealthList(query: z.output<typeof healthQuerySchema>): Promise<Response> {
  const tenants = await readTenantHealth(query);
  const counts = { healthy: 0, warning: 0, critical: 0 };
  for (const tenant of tenants) counts[tenant.status] += 1;
  return Response.json({ counts: query.status ? undefined : counts, tenants }, { headers: { "cache-control": "no-store" } });
}

export async function handleKeyMetrics(): Promise<Response> {
  return Response.json(await readKeyMetrics(), { headers: { "cache-control": "no-store" } });
}
