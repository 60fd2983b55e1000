import type { Prisma } from "@/lib/db/generated/shared/client";
import { AppError, errorStatus } from "@/lib/errors/app-error";
import type { Identity } from "@/lib/auth/identity";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import type { AdminOperation } from "./admin-operation";
import type { AdminOperationKind } from "./admin-operation-kinds";
import { readAdminOperation, requestAdminOperation } from "./request-admin-operation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The answer for an operation as it stands: 200 with its result, its error's status (409 for a refused
 * downgrade, with the numbers in `details`), or 202 with a Location to poll while the worker has not
 * finished it. `Prefer: respond-async` (RFC 7240) answers 202 at once (the console's progress view).
 */
export function operationResponse(operation: AdminOperation): Response {
  const headers = { "cache-control": "no-store" };
  const { result, error, ...summary } = operation;
  if (operation.status === "succeeded") return Response.json({ operation: summary, result }, { headers });
  if (operation.status === "failed" && error) {
    return Response.json({ error: error.code, message: error.message, fieldErrors: error.fieldErrors, details: error.details, operation: summary }, { status: errorStatus[error.code], headers });
  }
  return Response.json({ operation: summary }, { status: 202, headers: { ...headers, location: `/api/admin/operations/${operation.id}` } });
}

function wantsAsync(request: Request): boolean {
  return /(^|[,;\s])respond-async($|[,;\s])/i.test(request.headers.get("prefer") ?? "");
}

/**
 * Queues one tenant mutation as the acting admin after the checks the web tier can make itself (the
 * tenant exists: 404 before anything is queued), then answers as operationResponse says.
 */
export async function handleTenantOperation(args: { request: Request; identity: Identity; slug: string | null }, kind: AdminOperationKind, input: Prisma.InputJsonObject): Promise<Response> {
  if (args.slug !== null) await findTenantBySlug(args.slug);
  const operation = await requestAdminOperation(
    { kind, tenantSlug: args.slug, input, requestedBy: args.identity.userId },
    { waitMs: wantsAsync(args.request) ? 0 : undefined },
  );
  return operationResponse(operation);
}

/** GET /api/admin/operations/[id]: the operation whatever its outcome (200), for the console to poll. */
export async function handleReadOperation(id: string): Promise<Response> {
  if (!UUID.test(id)) throw new AppError({ code: "not_found", message: `No admin operation ${id}` });
  return Response.json({ operation: await readAdminOperation(id) }, { headers: { "cache-control": "no-store" } });
}
