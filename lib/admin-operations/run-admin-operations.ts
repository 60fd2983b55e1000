import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { ADMIN_OPERATION_CHANNEL, ADMIN_OPERATION_COLUMNS, toAdminOperation, type AdminOperation, type AdminOperationError, type AdminOperationRow } from "./admin-operation";
import { ADMIN_OPERATIONS, isAdminOperationKind } from "./admin-operation-kinds";

/** A queued operation nobody listened for is still picked up this often. */
const SWEEP_MS = 2_000;

async function claimNext(): Promise<(AdminOperation & { input: unknown }) | null> {
  const { rows } = await ownerPool().query<AdminOperationRow & { input: unknown }>(
    `UPDATE public.admin_operations SET status = 'running', started_at = now()
      WHERE id = (SELECT id FROM public.admin_operations WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING ${ADMIN_OPERATION_COLUMNS}, input`,
  );
  return rows[0] ? { ...toAdminOperation(rows[0]), input: rows[0].input } : null;
}

function storedError(error: unknown): AdminOperationError {
  const appError = toAppError(error);
  if (appError.code === "internal") logger.error({ err: appError.cause ?? appError }, "admin operation failed");
  return { code: appError.code, message: appError.message, ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}), ...(appError.details ? { details: appError.details } : {}) };
}

/** Runs one claimed operation as the operator and records its steps and outcome. */
async function runOperation(operation: AdminOperation & { input: unknown }): Promise<AdminOperation> {
  const step = async (name: string) => {
    await ownerPool().query("UPDATE public.admin_operations SET steps = steps || jsonb_build_array(jsonb_build_object('step', $2::text, 'at', now())) WHERE id = $1", [operation.id, name]);
  };
  let outcome: { status: "succeeded"; result: unknown } | { status: "failed"; error: AdminOperationError };
  try {
    if (!isAdminOperationKind(operation.kind)) throw new Error(`Unknown admin operation kind "${operation.kind}"`);
    const result = await ADMIN_OPERATIONS[operation.kind].run({ slug: operation.tenantSlug, input: operation.input, actorUserId: operation.requestedBy, step });
    outcome = { status: "succeeded", result: result ?? null };
  } catch (error) {
    outcome = { status: "failed", error: storedError(error) };
  }
  const { rows } = await ownerPool().query<AdminOperationRow>(
    `UPDATE public.admin_operations SET status = $2, result = $3, error = $4, finished_at = now() WHERE id = $1 RETURNING ${ADMIN_OPERATION_COLUMNS}`,
    [operation.id, outcome.status, outcome.status === "succeeded" ? JSON.stringify(outcome.result) : null, outcome.status === "failed" ? outcome.error : null],
  );
  return toAdminOperation(rows[0]!);
}

/** Runs every queued operation, oldest first, one at a time (several workers share the queue safely). */
export async function runQueuedAdminOperations(): Promise<AdminOperation[]> {
  const done: AdminOperation[] = [];
  for (let next = await claimNext(); next; next = await claimNext()) done.push(await runOperation(next));
  return done;
}

export interface AdminOperationWorker {
  stop(): Promise<void>;
}

/**
 * Listens for queued operations and runs them as they come (and sweeps every SWEEP_MS for any whose
 * notification was missed). Only where the owner credentials are: the job worker, `anchor operations work`.
 */
export async function startAdminOperationWorker(): Promise<AdminOperationWorker> {
  let draining: Promise<void> | null = null;
  let again = false;
  const drain = () => {
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        await runQueuedAdminOperations().catch((error: unknown) => logger.error({ err: error }, "admin operation worker failed"));
      } while (again);
    })().finally(() => {
      draining = null;
    });
  };
  const listener: pg.PoolClient = await ownerPool().connect();
  listener.on("notification", drain);
  await listener.query(`LISTEN ${ADMIN_OPERATION_CHANNEL}`);
  const sweep = setInterval(drain, SWEEP_MS);
  sweep.unref();
  drain();
  logger.info({ channel: ADMIN_OPERATION_CHANNEL }, "admin operation worker started");
  return {
    async stop() {
      clearInterval(sweep);
      await listener.query(`UNLISTEN ${ADMIN_OPERATION_CHANNEL}`).catch(() => undefined);
      listener.release();
      await draining;
    },
  };
}
