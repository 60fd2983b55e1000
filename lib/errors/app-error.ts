import { ZodError } from "zod";
import { recordDatabaseError } from "@/lib/db/database-availability";
import { isDependencyUnavailable } from "./dependency-unavailable";

export const errorStatus = {
  bad_request: 400,
  invalid_tenant_context: 400,
  unauthorized: 401,
  forbidden: 403,
  tenant_suspended: 403,
  /** A plan's quota or feature: 403, not 402, as nothing is wrong with payment; `details` says limit, usage and how to upgrade. */
  plan_limit: 403,
  not_found: 404,
  conflict: 409,
  validation_failed: 422,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  /** The tenant is in maintenance mode (lib/maintenance); the response carries Retry-After. */
  maintenance: 503,
} as const;

export type AppErrorCode = keyof typeof errorStatus;

export type FieldErrors = Record<string, string[]>;

/** Machine-readable facts of a limit a change would exceed (plan_limit, refused downgrades), for the API body and the CLI's --json. */
export interface PlanLimitDetails {
  limit: string;
  max: number;
  usage: number;
  requested?: number;
  plan: string;
  /** How to get more, in words (the message's last sentence). */
  upgrade: string;
  /** The id of the first higher plan that raises the limit or includes the feature; null when only a contract change (contact us) does. */
  upgradeTo?: string | null;
  /** Where an owner sees the plan and its usage: a path on the tenant's own host. */
  upgradeUrl?: string;
}

/** A spent rate limit (429 rate_limited): the policy's limit, when the window resets, and how long to wait (= Retry-After). */
export interface RateLimitDetails {
  /** The policy of RATE_LIMIT_POLICIES that refused (tenantApi, tenantConcurrency, loginIp, …). */
  policy: string;
  limit: number;
  remaining: number;
  resetAt: string;
  retryAfterSeconds: number;
}

/** What `details` of an error body can hold: per-limit facts (plan_limit, a refused downgrade) or a rate limit's. */
export type AppErrorDetails = PlanLimitDetails[] | RateLimitDetails;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Rendered as the body's `details` (API, CLI --json, admin operations). */
  readonly details?: AppErrorDetails;
  /** Response headers the error's answer carries (Retry-After of a maintenance 503). */
  readonly headers?: Record<string, string>;

  constructor({ code, message, fieldErrors, details, headers, cause }: { code: AppErrorCode; message: string; fieldErrors?: FieldErrors; details?: AppErrorDetails; headers?: Record<string, string>; cause?: unknown }) {
    super(message, { cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  static fromZod(error: ZodError, message = "Some fields are invalid"): AppError {
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) {
      const field = issue.path.join(".") || "_";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    const detail = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
    return new AppError({ code: "validation_failed", message: `${message}: ${detail}`, fieldErrors, cause: error });
  }
}

/**
 * Turns anything thrown into an AppError; a database that cannot be reached becomes `unavailable` (503),
 * other unknown errors `internal`, neither leaking their text.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return AppError.fromZod(error);
  if (isDependencyUnavailable(error)) {
    recordDatabaseError(error);
    return new AppError({ code: "unavailable", message: "The service is briefly unavailable; try again in a few seconds", headers: { "retry-after": "2" }, cause: error });
  }
  return new AppError({ code: "internal", message: "Something went wrong on our side", cause: error });
}
