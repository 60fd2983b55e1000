import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolveIdentity, type Identity } from "@/lib/auth/identity";
import { maintenanceError } from "@/lib/maintenance/maintenance-answer";
import { can, type Permission } from "@/lib/auth/permissions";
import { env } from "@/lib/env/env";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { policyLimit, RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";
import { blockedRefusal, hitRateLimit, type RateLimitDecision } from "@/lib/rate-limit/sliding-window-limiter";
import type { FeatureFlag } from "@/lib/plans/plans";
import { featureEnabled, tenantProfile, type TenantProfile } from "@/lib/tenant-profile/tenant-profile";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { noteApiLimitRefusal } from "@/lib/usage/api-limit-hits";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { AdmissionTicket, ClientGoneError, concurrencyCapError, countAbandoned, tenantInFlightCap } from "./admission-control";
import { clientIp } from "./client-ip";
import { rememberTenantHost } from "./front-door";
import { tenantApiLimitAnswer } from "./tenant-api-limit-answer";

/** What the steps below need to know about a request, whether it came to a route handler or a server action. */
export interface RequestFacts {
  host: string;
  method: string;
  path: string;
  authorization: string | null;
  cookieHeader: string | null;
  origin: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export function requestFacts(headers: Headers, method: string, path: string): RequestFacts {
  let ip: string | undefined;
  return {
    host: headers.get("host") ?? "",
    method: method.toUpperCase(),
    path: path.replace(/^\/t\/[0-9a-f-]{36}(?=\/|$)/, "") || "/",
    authorization: headers.get("authorization"),
    cookieHeader: headers.get("cookie"),
    origin: headers.get("origin"),
    // Read by audit events, lockouts and limits only: a request that needs none of them skips the proxy walk.
    get ip() {
      return (ip ??= clientIp(headers));
    },
    userAgent: headers.get("user-agent"),
    requestId: headers.get("x-request-id") ?? randomUUID(),
  };
}

/**
 * Step 0: admission. The process works on at most ADMISSION_MAX_IN_FLIGHT tenant API requests at once;
 * past that it answers 503 `unavailable` with `Retry-After: 1` at once, instead of queueing work its
 * clients may have given up on. The ticket goes into `budget` for step 1a and is released by withTenant.
 */
export function admissionStep(budget: ApiBudget): void {
  const ticket = AdmissionTicket.take();
  if (ticket) {
    budget.ticket = ticket;
    return;
  }
  budget.headers.set("Retry-After", "1");
  throw new AppError({ code: "unavailable", message: "The server is busy. Try again in 1 s." });
}

/** Step 0b (again before the handler): a client that disconnected gets no work done (no database work started). */
export function clientWaitingStep(signal: AbortSignal): void {
  if (!signal.aborted) return;
  countAbandoned();
  throw new ClientGoneError();
}

/** Step 1: the host must be a tenant's (400 on apex/admin, 404 for unknown hosts). */
export async function tenantStep(facts: RequestFacts): Promise<TenantRequestContext> {
  const resolved = await resolveHost(facts.host);
  if (resolved.surface === "unknown") throw new AppError({ code: "not_found", message: "Unknown host" });
  if (resolved.surface !== "tenant") {
    throw new AppError({ code: "invalid_tenant_context", message: "This endpoint is only available on a tenant's host" });
  }
  return { requestId: facts.requestId, host: facts.host, surface: "tenant", tenant: resolved.tenant };
}

/**
 * Step 1b: a tenant in maintenance mode answers 503 `maintenance` with `Retry-After` (seconds until the
 * announced end, or a default) to everyone, signed in or not — except a platform admin impersonating one
 * of its users, who works on as that user.
 */
export async function maintenanceStep(context: TenantRequestContext, facts: RequestFacts): Promise<void> {
  const { maintenance } = context.tenant;
  if (!maintenance) return;
  const identity = await resolveIdentity(facts).catch(() => null);
  if (identity?.impersonation && identity.tenantId === context.tenant.id) return;
  throw maintenanceError(context.tenant, maintenance);
}

/** Step 2: who is calling (401 if nobody). */
export async function identityStep(facts: RequestFacts): Promise<Identity> {
  const identity = await resolveIdentity(facts);
  if (!identity) throw new AppError({ code: "unauthorized", message: "Sign in or send a valid bearer token" });
  return identity;
}

/** Step 3: the caller belongs to this host's tenant; anything else is a security event (403). */
export async function tenantMatchStep(context: TenantRequestContext, identity: Identity, facts: RequestFacts): Promise<void> {
  if (identity.tenantId === context.tenant.id) return;
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: identity.userId,
    action: "security.tenant_context_mismatch",
    target: facts.path,
    ip: facts.ip,
    userAgent: facts.userAgent,
    metadata: { userId: identity.userId, expectedTenant: context.tenant.id, actualTenant: identity.tenantId, path: facts.path, method: facts.method, via: identity.via },
  });
  throw new AppError({ code: "forbidden", message: "Your credentials belong to another workspace" });
}

/** Step 4: a suspended tenant's users are refused (403). */
export function activeTenantStep(context: TenantRequestContext): void {
  if (context.tenant.status !== "active") {
    throw new AppError({ code: "tenant_suspended", message: `${context.tenant.name} is suspended` });
  }
}

/** What step 4b leaves for the wrapper: the headers for the response, and the tenant whose budget (and metering) the call counts against. */
export interface ApiBudget {
  headers: Headers;
  tenantId?: string;
  /** The request's place in this process (step 0), counted against its tenant in step 1a. */
  ticket?: AdmissionTicket;
}

/**
 * Step 1a: one tenant may hold only its plan's share of this process's in-flight requests
 * (RATE_LIMIT_POLICIES.tenantConcurrency), so it cannot occupy every worker; over it 429 `rate_limited`
 * with `Retry-After: 1`. Other tenants are still admitted. Counted as soon as the host names the tenant,
 * before identity: a flood's requests waiting for their token check would otherwise hold every place of
 * the process (bench:noisy saw a light tenant answered 503), and a refusal here costs no token check.
 * The host is recorded for lib/http/front-door.ts, which counts and refuses the tenant's next ones before Next.
 * Not metered: nobody is known yet to bill it to.
 */
export async function tenantConcurrencyStep(context: TenantRequestContext, budget: ApiBudget): Promise<void> {
  if (!budget.ticket) return;
  const profile = await tenantProfile(context.tenant.id);
  const cap = tenantInFlightCap(profile.plan.id);
  if (context.tenant.status === "active" && !context.tenant.maintenance) rememberTenantHost(context.host, context.tenant, profile);
  if (budget.ticket.holdForTenant(context.tenant.id, cap)) return;
  budget.headers.set("Retry-After", "1");
  throw concurrencyCapError(context.tenant.name, profile.plan.name, cap);
}

/**
 * Step 4b: the tenant's API budget (RATE_LIMIT_POLICIES.tenantApi: the plan's apiRequestsPerMinute,
 * counted per tenant). Writes `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds
 * until the window ends) into `headers`; spent → 429 `rate_limited` with `Retry-After`. Runs after the
 * caller is known to belong to the tenant, so nobody else can spend a tenant's budget.
 */
export async function tenantRateLimitStep(context: TenantRequestContext, budget: ApiBudget): Promise<void> {
  budget.tenantId = context.tenant.id;
  const profile = await tenantProfile(context.tenant.id);
  applyRateLimitDecision(context, profile, await hitRateLimit("tenantApi", context.tenant.id, profile), budget.headers);
}

/**
 * Step 1a′ (before the concurrency cap and identity): a tenant this process already knows to be over its
 * API limit (Redis refused it in this window: lib/rate-limit's blocked-until map) gets step 4b's 429,
 * headers and metering without a token check, Redis or database. Only requests that carry credentials
 * (an anonymous call still gets its 401), for an active tenant outside maintenance; nothing is spent.
 */
export async function knownRefusalStep(context: TenantRequestContext, budget: ApiBudget, facts: RequestFacts): Promise<void> {
  if (!facts.authorization && !facts.cookieHeader) return;
  if (context.tenant.status !== "active" || context.tenant.maintenance) return;
  const profile = await tenantProfile(context.tenant.id);
  const decision = blockedRefusal("tenantApi", context.tenant.id, policyLimit(RATE_LIMIT_POLICIES.tenantApi, profile));
  if (!decision) return;
  budget.tenantId = context.tenant.id;
  applyRateLimitDecision(context, profile, decision, budget.headers);
}

function applyRateLimitDecision(context: TenantRequestContext, profile: TenantProfile, decision: RateLimitDecision, headers: Headers): void {
  const answer = tenantApiLimitAnswer(context.tenant, profile, decision);
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, value);
  if (!answer.error) return;
  noteApiLimitRefusal(context.tenant.id);
  if (context.tenant.status === "active" && !context.tenant.maintenance) rememberTenantHost(context.host, context.tenant, profile);
  throw answer.error;
}

/** Step 4c: a route behind a plan feature is hidden (404, as if it did not exist) when the tenant's profile has it off. */
export async function featureStep(context: TenantRequestContext, feature: FeatureFlag): Promise<void> {
  if (featureEnabled(await tenantProfile(context.tenant.id), feature)) return;
  throw new AppError({ code: "not_found", message: "Not found" });
}

/** Step 5: cookie-authenticated writes must come from this host's own pages (CSRF). */
export function sameOriginStep(facts: RequestFacts, identity: Identity): void {
  if (identity.via !== "session" || ["GET", "HEAD", "OPTIONS"].includes(facts.method) || facts.origin === null) return;
  if (facts.origin !== `${env().APP_PROTOCOL}://${facts.host}`) {
    throw new AppError({ code: "forbidden", message: "Cross-site request refused" });
  }
}

export const READ_ONLY_IMPERSONATION_MESSAGE = "Read-only impersonation: changes are refused. End it and start one with write access to change anything.";

/**
 * Step 5b: during an impersonation every change (anything but GET/HEAD/OPTIONS; server actions count as
 * POST) is audited as "admin X as user Y" — refused with 403 when the impersonation is read-only.
 */
export async function impersonationStep(context: TenantRequestContext, identity: Identity, facts: RequestFacts): Promise<void> {
  const { impersonation } = identity;
  if (!impersonation || ["GET", "HEAD", "OPTIONS"].includes(facts.method)) return;
  const impersonatedBy = { impersonationId: impersonation.id, adminUserId: impersonation.adminUserId, adminEmail: impersonation.adminEmail };
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: identity.userId,
    action: impersonation.write ? "impersonation.action" : "security.impersonation_write_refused",
    target: facts.path,
    ip: facts.ip,
    userAgent: facts.userAgent,
    metadata: { impersonatedBy, method: facts.method, path: facts.path },
  });
  if (!impersonation.write) throw new AppError({ code: "forbidden", message: READ_ONLY_IMPERSONATION_MESSAGE });
}

/** The request's context, naming the impersonating admin when there is one (every audit event then carries it). */
export function contextFor(context: TenantRequestContext, identity: Identity): TenantRequestContext {
  const { impersonation } = identity;
  if (!impersonation) return context;
  return { ...context, impersonatedBy: { impersonationId: impersonation.id, adminUserId: impersonation.adminUserId, adminEmail: impersonation.adminEmail } };
}

/** Step 6: the role may do this (403, audited). */
export async function permissionStep(context: TenantRequestContext, identity: Identity, permission: Permission, facts: RequestFacts): Promise<void> {
  if (can(identity.role, permission)) return;
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: identity.userId,
    action: "security.permission_denied",
    target: facts.path,
    ip: facts.ip,
    userAgent: facts.userAgent,
    metadata: { permission, role: identity.role, method: facts.method },
  });
  throw new AppError({ code: "forbidden", message: `Your role (${identity.role}) does not allow ${permission}` });
}

/** Steps 1–6 in order (1b maintenance, 5b impersonation); with `budget` (the API routes) steps 1a′, 1a and 4b too, writing their headers there; with `feature`, step 4c. */
export async function authorizeTenantRequest(
  facts: RequestFacts,
  permission: Permission,
  budget?: ApiBudget,
  feature?: FeatureFlag,
): Promise<{ context: TenantRequestContext; identity: Identity }> {
  const context = await tenantStep(facts);
  if (budget) await knownRefusalStep(context, budget, facts);
  if (budget) await tenantConcurrencyStep(context, budget);
  await maintenanceStep(context, facts);
  const identity = await identityStep(facts);
  await tenantMatchStep(context, identity, facts);
  activeTenantStep(context);
  if (budget) await tenantRateLimitStep(context, budget);
  if (feature) await featureStep(context, feature);
  sameOriginStep(facts, identity);
  await impersonationStep(context, identity, facts);
  await permissionStep(context, identity, permission, facts);
  return { context: contextFor(context, identity), identity };
}

const NUL_MESSAGE = "Must not contain a NUL character (\\u0000)";

function collectNulFields(value: unknown, path: string[], found: FieldErrors): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found[path.join(".") || "_"] = [NUL_MESSAGE];
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectNulFields(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) collectNulFields(item, key.includes("\u0000") ? [...path, "_"] : [...path, key], found);
  }
}

/**
 * Step 7a: no text input may carry a NUL byte, which PostgreSQL cannot store (422 naming each field).
 * parseInput runs it first; public server actions that hand raw form values to a service call it directly.
 */
export function rejectNulBytes(input: unknown, message = "Some fields are invalid"): void {
  const fieldErrors: FieldErrors = {};
  collectNulFields(input, [], fieldErrors);
  if (Object.keys(fieldErrors).length === 0) return;
  const detail = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`).join("; ");
  throw new AppError({ code: "validation_failed", message: `${message}: ${detail}`, fieldErrors });
}

/** Step 7: input through the resource's zod schema (422 with field errors), after the NUL check (7a). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, message = "Some fields are invalid"): z.output<Schema> {
  rejectNulBytes(input, message);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error, message);
  return parsed.data;
}

/** Route params as strings; a `tenantId` param naming another tenant than the host's is a 404. */
export function routeParams(rawParams: Record<string, string | string[]>, context: TenantRequestContext): Record<string, string> {
  if (rawParams.tenantId !== undefined && rawParams.tenantId !== context.tenant.id) throw new AppError({ code: "not_found", message: "Not found" });
  return Object.fromEntries(Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
}

/** The body as JSON (an empty body is `{}`); anything unparseable is a 400. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError({ code: "bad_request", message: "The request body is not valid JSON" });
  }
}

/** A handler's result as the response: a Response as it is, anything else as uncached JSON. */
export function toResponse(result: Response | object): Response {
  return result instanceof Response ? result : Response.json(result, { headers: { "cache-control": "no-store" } });
}
