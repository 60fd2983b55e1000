import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env/env";
import type { AppError } from "@/lib/errors/app-error";
import { policyLimit, RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";
import { blockedRefusal } from "@/lib/rate-limit/sliding-window-limiter";
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
 * concurrency cap (the early refusal's condition) — is answered on the HTTP server's 'request' event,
 * before Next parses, routes or runs proxy.ts, with the same status, body and headers withTenant and
 * proxy.ts answer. Everything else goes to Next unchanged.
 *
 * The Host → tenant map is filled where a refusal is decided (step 4b, 1a′, 1a and proxy.ts's early
 * refusal), so a Host is refused here only after Next refused that tenant on that host; an entry lives
 * until the refusal's reset and while the tenant's cached profile is the one it was recorded with (any
 * change to the tenant — plan, status, maintenance — drops the profile, and the next request goes to Next).
 * Over the rate limit, only requests with credentials (as step 1a′) and only endpoints whose route pattern
 * withTenant has metered (the call is metered here under that pattern, as withTenant would).
 *
 * Paced refusals: a closed-loop client answered at once sends again at once, so each answer is held
 * min(Retry-After, REFUSAL_DELAY_MS) on a timer (nginx limit_req's `delay`), at most HELD_MAX at a time,
 * and dropped when the client goes away.
 */

/** Hosts remembered as refused, per process (least recently used go first). */
const HOSTS_MAX = 10_000;
/** `METHOD /path` → route pattern for metering, learnt from withTenant's rate-limit 429s. */
const ENDPOINTS_MAX = 10_000;
const HELD_MAX = 2_000;

/** proxy.ts's headers on a JSON answer (proxyAnswer, securityHeaders). */
const JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";

interface RefusedHost {
  tenant: TenantRef;
  /** The tenant's cached profile when it was recorded: another object means the tenant changed. */
  profile: TenantProfile;
  /** Epoch ms until which the front door may refuse for it. */
  until: number;
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
}

interface FrontDoorState {
  hosts: LRUCache<string, RefusedHost>;
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
    hosts: new LRUCache<string, RefusedHost>({ max: HOSTS_MAX }),
    endpoints: new LRUCache<string, string>({ max: ENDPOINTS_MAX }),
    counters: { rateLimited: 0, concurrencyCapped: 0, held: 0, heldOverCap: 0, releasedOnDisconnect: 0 },
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

/** A refusal decided for `tenant` on `host` (Next's path): the front door refuses that host until `until` (epoch ms). */
export function rememberRefusedHost(host: string, tenant: TenantRef, profile: TenantProfile, until: number): void {
  if (!host) return;
  const hosts = state().hosts;
  const key = frontDoorHostKey(host);
  const known = hosts.get(key);
  const keep = known && known.tenant.id === tenant.id && known.profile === profile ? known.until : 0;
  hosts.set(key, { tenant, profile, until: Math.max(keep, until) });
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
    holdMs: Math.min(retryAfterSeconds * 1000, refusalDelayMs()),
  };
}

/**
 * The front door's answer to a request, or null (Next decides). Counts and meters the refusal it returns.
 * `url` is the raw request target (`/api/v1/properties?limit=20`).
 */
export function frontDoorAnswer(method: string, url: string, headers: IncomingHttpHeaders, now = Date.now()): FrontDoorAnswer | null {
  if (!url.startsWith("/api/v1/") || !headers.host) return null;
  const current = state();
  const key = frontDoorHostKey(headers.host);
  const entry = current.hosts.get(key);
  if (!entry) return null;
  const { tenant } = entry;
  const profile = cachedTenantProfile(tenant.id);
  if (entry.until <= now || profile !== entry.profile) {
    current.hosts.delete(key);
    return null;
  }
  const started = performance.now();

  const cap = tenantInFlightCap(profile.plan.id);
  if (tenantInFlight(tenant.id) >= cap) {
    countTenantRefusal();
    current.counters.concurrencyCapped += 1;
    entry.until = Math.max(entry.until, now + 1000);
    return answerOf(concurrencyCapError(tenant.name, profile.plan.name, cap), { "Retry-After": "1" }, 1);
  }

  if (!headers.authorization && !headers.cookie) return null;
  const queryAt = url.indexOf("?");
  const endpoint = current.endpoints.get(`${method.toUpperCase()} ${queryAt === -1 ? url : url.slice(0, queryAt)}`);
  if (!endpoint) return null;
  const decision = blockedRefusal("tenantApi", tenant.id, policyLimit(RATE_LIMIT_POLICIES.tenantApi, profile));
  if (!decision) return null;
  const { headers: limitHeaders, error } = tenantApiLimitAnswer(tenant, profile, decision, now);
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

/** Puts the front door before the server's own 'request' listeners (Next's), once per server. */
function wrapRequestListeners(server: Server): void {
  const current = state();
  if (current.wrapped.has(server)) return;
  current.wrapped.add(server);
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const answer = frontDoorAnswer(request.method ?? "GET", request.url ?? "", request.headers);
    if (answer) return send(response, answer);
    for (const listener of listeners) listener.call(server, request, response);
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
