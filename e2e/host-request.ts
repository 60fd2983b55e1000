import http from "node:http";
import { e2eServer } from "./fixture";

export interface HostResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * GET from the e2e server with an explicit Host header. Node's DNS does not resolve `*.localhost`,
 * so the connection always goes to 127.0.0.1 and the Host header alone picks the tenant.
 */
export function getWithHost(host: string, path = "/", headers: Record<string, string> = {}): Promise<HostResponse> {
  const { port } = e2eServer();
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers: { ...headers, host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Like getWithHost, but follows redirects on the same host (e.g. Next's trailing-slash redirect). */
export async function getWithHostFollowingRedirects(host: string, path = "/", headers: Record<string, string> = {}): Promise<HostResponse & { path: string }> {
  let currentPath = path;
  for (let hops = 0; hops < 5; hops += 1) {
    const response = await getWithHost(host, currentPath, headers);
    const location = response.headers.location;
    if (response.status < 300 || response.status >= 400 || !location) return { ...response, path: currentPath };
    const next = new URL(location, `http://${host}${currentPath}`);
    if (next.host !== host) throw new Error(`redirected off host ${host} to ${location}`);
    currentPath = `${next.pathname}${next.search}`;
  }
  throw new Error(`too many redirects from ${host}${path}`);
}

/** A JSON request to the e2e server with an explicit Host header; the answer's status and parsed body. */
export function sendJsonWithHost(host: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const { port } = e2eServer();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method, headers: { host, "content-type": "application/json", ...headers } }, (response) => {
      let received = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (received += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, json: received ? (JSON.parse(received) as Record<string, unknown>) : null }));
    });
    request.on("error", reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
