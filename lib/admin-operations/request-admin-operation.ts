import type { Prisma } from "@/lib/db/generated/shared/client";
import { platformPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { ADMIN_OPERATION_CHANNEL, ADMIN_OPERATION_COLUMNS, toAdminOperation, type AdminOperation, type AdminOperationRow } from "./admin-operation";
import type { AdminOperationKind } from "./admin-operation-kinds";

/** How long a request waits for the worker before answering 202 with the operation to poll. */
export const DEFAULT_WAIT_MS = 20_000;
const POLL_MS = 150;

export interface AdminOperationRequest {
  kind: AdminOperationKind;
  tenantSlug: string | null;
  input: Prisma.InputJsonObject;
  requestedBy: string;
}

/**
 * Queues a platform admin's mutation for the operator process (the web tier holds no owner credentials)
 * and waits up to `waitMs` for its outcome; returns the operation as it then stands (maybe still queued).
 */
export async function requestAdminOperation(request: AdminOperationRequest, options: { waitMs?: number } = {}): Promise<AdminOperation> {
  const { rows } = await platformPool().query<AdminOperationRow>(
    `INSERT INTO public.admin_operations (kind, tenant_slug, input, requested_by) VALUES ($1, $2, $3, $4) RETURNING ${ADMIN_OPERATION_COLUMNS}`,
    [request.kind, request.tenantSlug, request.input, request.requestedBy],
  );
  const queued = toAdminOperation(rows[0]!);
  await platformPool().query("SELECT pg_notify($1, $2)", [ADMIN_OPERATION_CHANNEL, queued.id]);
  return waitForAdminOperation(queued.id, options.waitMs ?? DEFAULT_WAIT_MS);
}

export async function readAdminOperation(id: string): Promise<AdminOperation> {
  const { rows } = await platformPool().query<AdminOperationRow>(`SELECT ${ADMIN_OPERATION_COLUMNS} FROM public.admin_operations WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError({ code: "not_found", message: `No admin operation ${id}` });
  return toAdminOperation(rows[0]);
}

export async function waitForAdminOperation(id: string, waitMs: number): Promise<AdminOperation> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const operation = await readAdminOperation(id);
    if (operation.status === "succeeded" || operation.status === "failed" || Date.now() >= deadline) return operation;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Recent operations on one tenant (the Manage tab's history). */
export async function listAdminOperations(tenantSlug: string, limit = 20): Promise<AdminOperation[]> {
  const { rows } = await platformPool().query<AdminOperationRow>(
    `SELECT ${ADMIN_OPERATION_COLUMNS} FROM public.admin_operations WHERE tenant_slug = $1 ORDER BY created_at DESC LIMIT $2`,
    [tenantSlug, limit],
  );
  return rows.map(toAdminOperation);
}
