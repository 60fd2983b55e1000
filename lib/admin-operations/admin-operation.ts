import type { AppErrorCode, FieldErrors, AppErrorDetails } from "@/lib/errors/app-error";

export type AdminOperationStatus = "queued" | "running" | "succeeded" | "failed";

/** How a failed operation ended: the AppError the operator process met, as the API would have answered it. */
export interface AdminOperationError {
  code: AppErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  details?: AppErrorDetails;
}

export interface AdminOperation {
  id: string;
  kind: string;
  tenantSlug: string | null;
  status: AdminOperationStatus;
  steps: Array<{ step: string; at: string }>;
  result: unknown;
  error: AdminOperationError | null;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface AdminOperationRow {
  id: string;
  kind: string;
  tenant_slug: string | null;
  status: AdminOperationStatus;
  steps: Array<{ step: string; at: string }>;
  result: unknown;
  error: AdminOperationError | null;
  requested_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const ADMIN_OPERATION_COLUMNS = "id, kind, tenant_slug, status, steps, result, error, requested_by, created_at, started_at, finished_at";

/** Worker ↔ web tier: a new operation is queued (payload: its id). */
export const ADMIN_OPERATION_CHANNEL = "admin_operation_queued";

export function toAdminOperation(row: AdminOperationRow): AdminOperation {
  return {
    id: row.id,
    kind: row.kind,
    tenantSlug: row.tenant_slug,
    status: row.status,
    steps: row.steps,
    result: row.result,
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
