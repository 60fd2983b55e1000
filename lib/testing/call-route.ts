import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";

type RouteHandler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteCall {
  host: string;
  path: string;
  method?: string;
  body?: unknown;
  rawBody?: string;
  token?: string;
  authorization?: string;
  cookie?: string;
  origin?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** The TCP peer, stamped as instrumentation stamps it on a real server; defaults to 203.0.113.7. */
  ip?: string;
}

/** Calls a route handler the way Next does after proxy.ts: real Request, Host header, route params. */
export async function callRoute(handler: RouteHandler, call: RouteCall): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const { status, json } = await callRouteWithHeaders(handler, call);
  return { status, json };
}

/** callRoute, with the response's headers too. */
export async function callRouteWithHeaders(handler: RouteHandler, call: RouteCall): Promise<{ status: number; json: Record<string, unknown> | null; headers: Headers }> {
  const headers: Record<string, string> = { host: call.host, [PEER_HEADER]: peerHeaderValue(call.ip ?? "203.0.113.7"), ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.authorization !== undefined) headers.authorization = call.authorization;
  if (call.cookie) headers.cookie = call.cookie;
  if (call.origin) headers.origin = call.origin;
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://${call.host}${call.path}`, { method: call.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, headers: response.headers };
}
