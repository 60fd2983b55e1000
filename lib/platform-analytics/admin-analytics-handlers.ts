import { z } from "zod";
import { growthDaysSchema, readResourceUsage, readTenantActivity, readTenantGrowth, rowsToCsv } from "./read-analytics";

/**
 * The handlers of GET /api/admin/analytics/{growth,activity,resources}, for withPlatformAdmin routes:
 * the wrapper parses the query with these schemas (zod → 422) and calls the handler. `format=csv`
 * answers text/csv with a download name.
 */
export const analyticsFormatSchema = z.enum(["json", "csv"]).default("json");
export const growthQuerySchema = z.object({ days: growthDaysSchema.default(30), format: analyticsFormatSchema });
export const analyticsQuerySchema = z.object({ format: analyticsFormatSchema });

function csvResponse(name: string, csv: string): Response {
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"`, "cache-control": "no-store" } });
}

export async function handleGrowth(query: z.output<typeof growthQuerySchema>): Promise<Response> {
  const growth = await readTenantGrowth(query.days);
  if (query.format === "csv") return csvResponse(`tenant-growth-${query.days}d`, rowsToCsv(growth.growth, ["date", "new_tenants"]));
  return Response.json(growth);
}

export async function handleActivity(query: z.output<typeof analyticsQuerySchema>): Promise<Response> {
  const activity = await readTenantActivity();
  if (query.format === "csv") return csvResponse("tenant-activity", rowsToCsv(activity.tenants, ["tenant_id", "name", "subdomain", "plan", "status", "activity_count", "last_activity"]));
  return Response.json(activity);
}

export async function handleResources(query: z.output<typeof analyticsQuerySchema>): Promise<Response> {
  const usage = await readResourceUsage();
  if (query.format === "csv") return csvResponse("tenant-resources", rowsToCsv(usage.tenants, ["tenant_id", "name", "subdomain", "plan", "db_size_bytes", "storage_size_bytes", "api_calls_30d", "user_count"]));
  return Response.json(usage);
}
