import { logger } from "@/lib/log/logger";
import { toAppError, type AppError } from "@/lib/errors/app-error";

/** The JSON body of every API error: `{ error: <code>, message, fieldErrors?, details? }` with the code's status. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === "internal") logger.error({ err: appError.cause ?? appError }, "unhandled error in API route");
  return Response.json(errorPayload(appError), { status: appError.status, headers: { ...appError.headers, "cache-control": "no-store" } });
}

/** errorResponse's body as an object (lib/http/front-door.ts writes it without a Response). */
export function errorPayload(appError: AppError): Record<string, unknown> {
  return { error: appError.code, message: appError.message, ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}), ...(appError.details ? { details: appError.details } : {}) };
}
