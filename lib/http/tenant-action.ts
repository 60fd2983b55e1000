import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import type { Identity } from "@/lib/auth/identity";
import type { Permission } from "@/lib/auth/permissions";
import { toAppError, type AppErrorCode, type AppErrorDetails, type FieldErrors } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { runWithContext, type TenantRequestContext } from "@/lib/tenancy/context";
import { authorizeTenantRequest, parseInput, requestFacts } from "./tenant-request";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: AppErrorCode; message: string; fieldErrors?: FieldErrors; details?: AppErrorDetails } };

/**
 * The one wrapper of every tenant server action: the same steps as withTenant (tenant from Host,
 * identity, tenant match, active tenant, permission, zod input), answering with a result object the
 * form can show instead of throwing.
 */
export function tenantAction<Schema extends z.ZodType, T>(
  options: { permission: Permission; input: Schema },
  handler: (args: { context: TenantRequestContext; identity: Identity; input: z.output<Schema> }) => Promise<T>,
): (rawInput: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (rawInput) => {
    const requestHeaders = await headers();
    const facts = requestFacts(requestHeaders, "POST", requestHeaders.get("x-anchor-path") ?? "/");
    try {
      const { context, identity } = await authorizeTenantRequest(facts, options.permission);
      const input = parseInput(options.input, rawInput);
      const data = await runWithContext(context, () => handler({ context, identity, input }));
      return { ok: true, data };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "internal") logger.error({ err: appError.cause ?? appError }, "unhandled error in server action");
      return { ok: false, error: { code: appError.code, message: appError.message, ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}), ...(appError.details ? { details: appError.details } : {}) } };
    }
  };
}
