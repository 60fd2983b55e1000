import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import type { PlanId } from "@/lib/plans/plans";
import { RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";

export interface AdmissionCounters {
  admitted: number;
  /** Refused because the process already worked on its cap (503). */
  refusedOverloaded: number;
  /** Refused because the tenant already held its share (429). */
  refusedTenant: number;
  /** Requests whose client went away before the handler started (its work was skipped). */
  abandoned: number;
}

interface AdmissionState {
  inFlight: number;
  perTenant: Map<string, number>;
  counters: AdmissionCounters;
  maxInFlightOverride: number | null;
}

const STATE_KEY = Symbol.for("asset-anchor.admission-control");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: AdmissionState };
const globalWithState = globalThis as GlobalWithState;

function state(): AdmissionState {
  return (globalWithState[STATE_KEY] ??= {
    inFlight: 0,
    perTenant: new Map(),
    counters: { admitted: 0, refusedOverloaded: 0, refusedTenant: 0, abandoned: 0 },
    maxInFlightOverride: null,
  });
}

export function admissionCounters(): Readonly<AdmissionCounters & { inFlight: number }> {
  return { ...state().counters, inFlight: state().inFlight };
}

/** Tests set a small cap; null goes back to ADMISSION_MAX_IN_FLIGHT. */
export function useMaxInFlightForProcess(max: number | null): void {
  state().maxInFlightOverride = max;
}

export function maxInFlight(): number {
  return state().maxInFlightOverride ?? env().ADMISSION_MAX_IN_FLIGHT;
}

/** How many of this process's in-flight requests one tenant on `plan` may hold. */
export function tenantInFlightCap(plan: PlanId): number {
  return Math.max(1, Math.floor(maxInFlight() * RATE_LIMIT_POLICIES.tenantConcurrency.shareByPlan[plan]));
}

/** The tenant's requests this process works on now (held tickets). */
export function tenantInFlight(tenantId: string): number {
  return state().perTenant.get(tenantId) ?? 0;
}

/** The cap's 429 (step 1a, and proxy.ts before it): `Retry-After: 1` goes with it. */
export function concurrencyCapError(tenantName: string, planName: string, cap: number): AppError {
  return new AppError({
    code: "rate_limited",
    message: `${tenantName} already has ${cap} API requests in progress (${planName} plan). Try again in 1 s.`,
    details: { policy: "tenantConcurrency", limit: cap, remaining: 0, resetAt: new Date(Date.now() + 1000).toISOString(), retryAfterSeconds: 1 },
  });
}

/** Counts a refusal of the cap taken before a ticket was asked for (proxy.ts). */
export function countTenantRefusal(): void {
  state().counters.refusedTenant += 1;
}

/**
 * One request's place in this process: taken on arrival (refused when the process is full), then
 * counted against its tenant once known; `release()` gives both back when the response is ready.
 * Counting is synchronous, so there is no race between check and increment.
 */
export class AdmissionTicket {
  private tenantId: string | null = null;
  private released = false;

  private constructor() {}

  /** Null when the process already works on `maxInFlight()` requests. */
  static take(): AdmissionTicket | null {
    const current = state();
    if (current.inFlight >= maxInFlight()) {
      current.counters.refusedOverloaded += 1;
      return null;
    }
    current.inFlight += 1;
    current.counters.admitted += 1;
    return new AdmissionTicket();
  }

  /** False (nothing counted) when the tenant already holds `cap` requests here. */
  holdForTenant(tenantId: string, cap: number): boolean {
    if (this.tenantId !== null || this.released) return true;
    const current = state();
    const held = current.perTenant.get(tenantId) ?? 0;
    if (held >= cap) {
      current.counters.refusedTenant += 1;
      return false;
    }
    current.perTenant.set(tenantId, held + 1);
    this.tenantId = tenantId;
    return true;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = state();
    current.inFlight -= 1;
    if (this.tenantId === null) return;
    const held = (current.perTenant.get(this.tenantId) ?? 1) - 1;
    if (held <= 0) current.perTenant.delete(this.tenantId);
    else current.perTenant.set(this.tenantId, held);
  }
}

export function countAbandoned(): void {
  state().counters.abandoned += 1;
}

/** The client closed the connection: nobody will read the answer, so the work is not started. */
export class ClientGoneError extends Error {
  constructor() {
    super("The client disconnected");
  }
}
