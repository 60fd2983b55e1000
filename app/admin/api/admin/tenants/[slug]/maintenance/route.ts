import { withPlatformAdmin } from "@/lib/http/with-platform-admin";
import { maintenanceInputSchema } from "@/lib/maintenance/maintenance-input";
import { endMaintenance, readMaintenance, startMaintenance } from "@/lib/maintenance/set-maintenance";

export const GET = withPlatformAdmin(({ params }) => readMaintenance(params.slug!));

export const PUT = withPlatformAdmin(({ params, body, identity }) => startMaintenance(params.slug!, body, identity.userId), {
  body: maintenanceInputSchema,
  auditAction: "admin.tenant_maintenance_started",
});

export const DELETE = withPlatformAdmin(({ params, identity }) => endMaintenance(params.slug!, identity.userId), { auditAction: "admin.tenant_maintenance_ended" });
