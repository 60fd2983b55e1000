import { z } from "zod";
import { withTenant } from "@/lib/http/with-tenant";
import { readUsageReport, usageDaysSchema } from "@/lib/usage/read-usage";

export const GET = withTenant(({ context, query }) => readUsageReport(context.tenant.id, query.days), {
  permission: "usage:read",
  query: z.object({ days: usageDaysSchema.default(30) }),
});
