import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env/env";
import type { AppError } from "@/lib/errors/app-error";
import { policyLimit, RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";
import { blockedRefusal } from "@/lib/rate-limit/sliding-window-limiter";
import type { PlanId } from "@/lib/plans/plans";
import type { TenantRef } from "@/lib/tenancy/context";
import { cachedTenantProfile, type TenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { noteApiLimitRefusal } from "@/lib/usage/api-limit-hits";
import { recordApiCall } from "@/lib/usage/usage-meter";
import { concurrencyCapError, countTenantRefusal, tenantInFlight, tenantInFlightCap } from "./admission-control";
import { errorPayload } from "./error-response";
import { tenantApiLimitAnswer } from "./tenant-api-limit-answer";

/**
 * The front door: a tenant API request (`/api/v1/*`) of a tenant this process already refuses — over its
 * API limit until the window that refused it ends (lib/rate-limit's blocked-until map), or holding its
 * concurrency cap — is answered on the HTTP server's 'request' event, before Next parses, routes or runs
 * proxy.ts, with the same status, body and headers withTenant and proxy.ts answer. Everything else goes to
 * Next unchanged.
 *
 * The Host → tenant map is filled by withTenant's step 1a for every tenant API request it counts (and
 * where a refusal is decided), so only a Host that Next already resolved to that tenant is known here; an
 * entry is used while the tenant's cached profile is the one it was recorded with (any change to the
 * tenant — plan, status, maintenance, domains — drops the profile, and the next request goes to Next).
 * The concurrency cap is counted here too, for the requests of known hosts this door lets through, until
 * their response closes: a flood's first requests arrive together, before step 1a has counted any of
 * them, and would all reach Next. Over the rate limit, only requests with credentials (as step 1a′) and
 * only endpoints whose route pattern withTenant has metered (the call is metered here under that pattern,
 * as withTenant would).
 *
 * Paced refusals: a closed-loop client answered at once sends again at once, so each answer is held
 * min(Retry-After, REFUSAL_DELAY_MS), jittered, on a timer (nginx limit_req's `delay`), at most HELD_MAX
 * at a time, and dropped when the client goes away. Smoothing: a known tenant's calls let through are
 * spaced by RATE_LIMIT_POLICIES.tenantApiPacing (delayed to their turn, never refused).
 */

/** Hosts known to name a tenant, per process (least recently used go first). */
const HOSTS_MAX = 20_000;
/** `METHOD /path` → route pattern for metering, learnt from withTenant's rate-limit 429s. */
const ENDPOINTS_MAX = 10_000;
const HELD_MAX = 2_000;

/** proxy.ts's headers on a JSON answer (proxyAnswer, securityHeaders). */
const JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";

interface KnownHost {
  tenant: TenantRef;
  /** The tenant's cached profile when it was recorded: another object means the tenant changed. */
  profile: TenantProfile;
}

export interface FrontDoorCounters {
  /** Answered here: over the tenant API limit (metered). */
  rateLimited: number;
  /** Answered here: at the tenant's concurrency cap (not metered, as step 1a and proxy.ts). */
  concurrencyCapped: number;
  /** Answers held before being sent (paced), in total. */
  held: number;
  /** Answered at once because HELD_MAX answers were already held. */
  heldOverCap: number;
  /** Held answers dropped because the client disconnected. */
  releasedOnDisconnect: number;
  /** Requests let through after a delay (pacing). */
  delayed: number;
  /** Delayed requests whose client went away before their turn (Next never saw them). */
  delayedAbandoned: number;
}

interface FrontDoorState {
  hosts: LRUCache<string, KnownHost>;
  /** Per tenant, the requests this door let through (or is delaying) that have not closed yet. */
  passedInFlight: Map<string, number>;
  /** Per tenant, the pacing's theoretical arrival time (GCRA), epoch ms; a tenant evicted had its burst back anyway. */
  pacedUntil: LRUCache<string, number>;
  endpoints: LRUCache<string, string>;
  counters: FrontDoorCounters;
  heldNow: number;
  delayOverride: number | null;
  heldMaxOverride: number | null;
  installed: boolean;
  wrapped: WeakSet<Server>;
}

// Shared with the proxy and route bundles, which record the refusals this module (in instrumentation's) reads.
const STATE_KEY = Symbol.for("asset-anchor.front-door");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: FrontDoorState };
const globalWithState = globalThis as GlobalWithState;

function state(): FrontDoorState {
  return (globalWithState[STATE_KEY] ??= {
    hosts: new LRUCache<string, KnownHost>({ max: HOSTS_MAX }),
    passedInFlight: new Map(),
    pacedUntil: new LRUCache<string, number>({ max: HOSTS_MAX }),
    endpoints: new LRUCache<string, string>({ max: ENDPOINTS_MAX }),
    counters: { rateLimited: 0, concurrencyCapped: 0, held: 0, heldOverCap: 0, releasedOnDisconnect: 0, delayed: 0, delayedAbandoned: 0 },
    heldNow: 0,
    delayOverride: null,
    heldMaxOverride: null,
    installed: false,
    wrapped: new WeakSet(),
  });
}

export function frontDoorCounters(): Readonly<FrontDoorCounters & { heldNow: number }> {
  return { ...state().counters, heldNow: state().heldNow };
}

/** Tests set the delay and the cap on held answers; null goes back to REFUSAL_DELAY_MS and HELD_MAX. */
export function useRefusalPacingForProcess(pacing: { delayMs: number | null; heldMax: number | null }): void {
  state().delayOverride = pacing.delayMs;
  state().heldMaxOverride = pacing.heldMax;
}

const refusalDelayMs = () => state().delayOverride ?? env().REFUSAL_DELAY_MS;
const heldMax = () => state().heldMaxOverride ?? HELD_MAX;

/** `Acme.Example.com:443` and `acme.example.com.` are `acme.example.com`. */
export function frontDoorHostKey(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

/** Next resolved `host` to `tenant` (active, outside maintenance) for a tenant API request: the front door may decide that host's next ones. */
export function rememberTenantHost(host: string, tenant: TenantRef, profile: TenantProfile): void {
  if (!host) return;
  const hosts = state().hosts;
  const key = frontDoorHostKey(host);
  const known = hosts.get(key);
  if (known && known.tenant.id === tenant.id && known.profile === profile) return;
  hosts.set(key, { tenant, profile });
}

/** withTenant metered a rate-limit 429 of `METHOD path` as `endpoint`: front-door refusals of it are metered the same. */
export function rememberRefusedEndpoint(method: string, path: string, endpoint: string): void {
  const endpoints = state().endpoints;
  const key = `${method} ${path}`;
  if (endpoints.get(key) !== endpoint) endpoints.set(key, endpoint);
}

export interface FrontDoorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How long to hold it before answering (pacing), ms. */
  holdMs: number;
}

/**
 * Up to half as long again, at random: a flood's refusals, all held the same time, came back together once
 * a second, and every wave of resent requests arrived with the other tenants' requests of that instant.
 */
const jittered = (ms: number) => (ms <= 0 ? 0 : ms + Math.floor((Math.random() * ms) / 2));

/** A refusal's AppError is only serialised, never thrown: capturing its stack was most of a refusal's cost. */
function withoutStack<T>(build: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return build();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function answerOf(error: AppError, extra: Record<string, string>, retryAfterSeconds: number): FrontDoorAnswer {
  const body = JSON.stringify(errorPayload(error));
  return {
    status: error.status,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      ...extra,
      "cache-control": "no-store",
      "content-security-policy": JSON_POLICY,
      "x-request-id": randomUUID(),
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    },
    body,
    holdMs: jittered(Math.min(retryAfterSeconds * 1000, refusalDelayMs())),
  };
}

/**
 * What the front door does with a request: answer it, or let it through — counted against `passFor` when
 * set, after `delayMs` (pacing).
 */
export type FrontDoorDecision = { answer: FrontDoorAnswer } | { passFor: string | null; delayMs: number };

const PASS: FrontDoorDecision = { passFor: null, delayMs: 0 };

/**
 * The front door's decision on a request. Counts and meters the refusal it returns; a request it lets
 * through for a known tenant must be given back with `releasePassed(tenantId)` when its response closes.
 * `url` is the raw request target (`/api/v1/properties?limit=20`).
 */
export function frontDoorDecision(method: string, url: string, headers: IncomingHttpHeaders, now = Date.now()): FrontDoorDecision {
  if (!url.startsWith("/api/v1/") || !headers.host) return PASS;
  const current = state();
  const key = frontDoorHostKey(headers.host);
  const entry = current.hosts.get(key);
  if (!entry) return PASS;
  const { tenant } = entry;
  const profile = cachedTenantProfile(tenant.id);
  if (profile !== entry.profile) {
    current.hosts.delete(key);
    return PASS;
  }
  const started = performance.now();

  const limited = rateLimitAnswer(method, url, headers, tenant, profile, now, started);
  if (limited) return { answer: limited };

  const cap = tenantInFlightCap(profile.plan.id);
  const passed = current.passedInFlight.get(tenant.id) ?? 0;
  if (Math.max(passed, tenantInFlight(tenant.id)) >= cap) {
    countTenantRefusal();
    current.counters.concurrencyCapped += 1;
    return { answer: answerOf(withoutStack(() => concurrencyCapError(tenant.name, profile.plan.name, cap)), { "Retry-After": "1" }, 1) };
  }
  current.passedInFlight.set(tenant.id, passed + 1);
  return { passFor: tenant.id, delayMs: pacingDelay(tenant.id, profile.plan.id, now) };
}

/**
 * RATE_LIMIT_POLICIES.tenantApiPacing as GCRA (the virtual-scheduling form of a token bucket): each call
 * moves the tenant's theoretical arrival time on by one interval; a call earlier than that time minus the
 * burst's tolerance waits the difference. The waits are bounded: only requests within the cap get here.
 */
function pacingDelay(tenantId: string, plan: PlanId, now: number): number {
  const pacing = RATE_LIMIT_POLICIES.tenantApiPacing;
  const interval = 1000 / pacing.perSecondByPlan[plan];
  const tolerance = (pacing.burstByPlan[plan] - 1) * interval;
  const pacedUntil = state().pacedUntil;
  const arrival = Math.max(pacedUntil.get(tenantId) ?? now, now);
  pacedUntil.set(tenantId, arrival + interval);
  return Math.max(0, Math.ceil(arrival - tolerance - now));
}

/** A request `frontDoorDecision` let through for `tenantId` closed. */
export function releasePassed(tenantId: string): void {
  const inFlight = state().passedInFlight;
  const held = (inFlight.get(tenantId) ?? 1) - 1;
  if (held <= 0) inFlight.delete(tenantId);
  else inFlight.set(tenantId, held);
}

function rateLimitAnswer(method: string, url: string, headers: IncomingHttpHeaders, tenant: TenantRef, profile: TenantProfile, now: number, started: number): FrontDoorAnswer | null {
  if (!headers.authorization && !headers.cookie) return null;
  const current = state();
  const queryAt = url.indexOf("?");
  const endpoint = current.endpoints.get(`${method.toUpperCase()} ${queryAt === -1 ? url : url.slice(0, queryAt)}`);
  if (!endpoint) return null;
  const decision = blockedRefusal("tenantApi", tenant.id, policyLimit(RATE_LIMIT_POLICIES.tenantApi, profile));
  if (!decision) return null;
  const { headers: limitHeaders, error } = withoutStack(() => tenantApiLimitAnswer(tenant, profile, decision, now));
  if (!error) return null;
  current.counters.rateLimited += 1;
  noteApiLimitRefusal(tenant.id, now);
  // The front door's own time, not the hold: the hold is a deliberate wait, not the server's work.
  recordApiCall({ tenantId: tenant.id, endpoint, status: error.status, durationMs: performance.now() - started, at: now });
  return answerOf(error, limitHeaders, Number(limitHeaders["Retry-After"]));
}

function send(response: ServerResponse, answer: FrontDoorAnswer): void {
  const write = () => {
    if (response.destroyed) return;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  };
  const current = state();
  if (answer.holdMs <= 0) return write();
  if (current.heldNow >= heldMax()) {
    current.counters.heldOverCap += 1;
    return write();
  }
  current.heldNow += 1;
  current.counters.held += 1;
  const onClose = () => {
    clearTimeout(timer);
    current.heldNow -= 1;
    current.counters.releasedOnDisconnect += 1;
  };
  const timer = setTimeout(() => {
    response.off("close", onClose);
    current.heldNow -= 1;
    write();
  }, answer.holdMs);
  response.once("close", onClose);
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Next copies proxy.ts's rewrite target into the response as `x-middleware-rewrite` (`/t/<tenant id>/…`),
 * telling any API client the tenant's internal id; API answers go without it (pages keep it for Next's router).
 */
function dropRewriteHeader(response: ServerResponse): void {
  const setHeader = response.setHeader;
  response.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    return name.toLowerCase() === "x-middleware-rewrite" ? this : setHeader.call(this, name, value);
  };
}

/** Puts the front door before the server's own 'request' listeners (Next's), once per server. */
function wrapRequestListeners(server: Server): void {
  const current = state();
  if (current.wrapped.has(server)) return;
  current.wrapped.add(server);
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const decision = frontDoorDecision(request.method ?? "GET", request.url ?? "", request.headers);
    if ("answer" in decision) return send(response, decision.answer);
    const { passFor, delayMs } = decision;
    if (passFor !== null) response.once("close", () => releasePassed(passFor));
    if (request.url?.startsWith("/api/")) dropRewriteHeader(response);
    const pass = () => {
      for (const listener of listeners) listener.call(server, request, response);
    };
    if (delayMs <= 0) return pass();
    current.counters.delayed += 1;
    const timer = setTimeout(() => {
      response.off("close", onGone);
      pass();
    }, delayMs);
    const onGone = () => {
      clearTimeout(timer);
      current.counters.delayedAbandoned += 1;
    };
    response.once("close", onGone);
  });
}

/** Called once at boot (instrumentation, Node runtime): every HTTP server of this process gets the front door. */
export function installFrontDoor(): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  // Node publishes http.server.request.start before the server emits 'request' for the same request, so
  // wrapping the listeners here puts even the first request through the front door.
  subscribe("http.server.request.start", (message) => {
    wrapRequestListeners((message as { server: Server }).server);
  });
}
