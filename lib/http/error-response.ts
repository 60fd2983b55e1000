import { logger } from "@/lib/log/logger";
import { toAppError } from "@/lib/errors/app-error";

/** The JSON body of every API error: `{ error: <code>, message, fieldErrors?, details? }` with the code's status. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === "internal") logger.error({ err: appError.cause ?? appError }, "unhandled error in API route");
  return Response.json(
    { error: appError.code, message: appError.message, ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}), ...(appError.details ? { details: appError.details } : {}) },
    { status: appError.status, headers: { ...appError.headers, "cache-control": "no-store" } },
  );
}
