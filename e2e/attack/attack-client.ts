import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { e2eServer } from "../fixture";
import { readBuiltActions } from "./route-tree";

/** A file part of a multipart body. */
export interface FilePart {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** One request as the attack suite sends it: always to 127.0.0.1, the Host header alone picks the surface. */
export interface Probe {
  host: string;
  method: string;
  path: string;
  /** A whole Cookie header value (`name=value; …`). */
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: Record<string, string | FilePart>;
  /** A raw body (server actions send React's encoded reply). */
  body?: string | Buffer;
}

export interface ProbeResult {
  status: number;
  /** Every response header, `name: value` per line, for the leak check. */
  headerText: string;
  location: string | null;
  setCookies: string[];
  /** The body as latin1 text (bytes of images and assets are searched as they are). */
  body: string;
}

/** Cookies a response sets, as `name=value`. */
function setCookiesOf(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => header.value.split(";")[0] ?? "");
}

export class AttackClient {
  private constructor(private readonly api: APIRequestContext) {}

  static async create(): Promise<AttackClient> {
    const { port } = e2eServer();
    return new AttackClient(await request.newContext({ baseURL: `http://127.0.0.1:${port}`, maxRedirects: 0, timeout: 20_000 }));
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }

  async send(probe: Probe): Promise<ProbeResult> {
    // An explicit Cookie header always: Playwright would otherwise replay cookies it stored for 127.0.0.1.
    // A fresh connection per probe: a kept-alive socket that idled past the server's keep-alive timeout can be
    // closed by the server just as the next probe is written on it (read ECONNRESET).
    const headers: Record<string, string> = { connection: "close", ...probe.headers, host: probe.host, cookie: probe.cookie ?? "attack-probe=1" };
    if (probe.bearer) headers.authorization = `Bearer ${probe.bearer}`;
    const response = await this.api.fetch(probe.path, {
      method: probe.method,
      headers,
      ...(probe.json !== undefined ? { data: probe.json } : {}),
      ...(probe.form ? { form: probe.form } : {}),
      ...(probe.multipart ? { multipart: probe.multipart } : {}),
      ...(probe.body !== undefined ? { data: probe.body } : {}),
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    const body = (await response.body()).toString("latin1");
    const headerArray = response.headersArray();
    return {
      status: response.status(),
      headerText: headerArray.map((header) => `${header.name}: ${header.value}`).join("\n"),
      location: response.headers().location ?? null,
      setCookies: setCookiesOf(response),
      body,
    };
  }

  /** Signs in through next-auth's credentials callback, as the sign-in form does; returns the Cookie header of the session. */
  async signIn(host: string, email: string, password: string): Promise<string> {
    const csrf = await this.send({ host, method: "GET", path: "/api/auth/csrf" });
    if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf on ${host}: ${csrf.status}`);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const signedIn = await this.send({
      host,
      method: "POST",
      path: "/api/auth/callback/credentials",
      cookie: csrf.setCookies.join("; "),
      headers: { origin: `http://${host}` },
      form: { csrfToken, email, password, json: "true", callbackUrl: `http://${host}/` },
    });
    const session = signedIn.setCookies.find((cookie) => /session-token=/.test(cookie) && !/session-token=;?$/.test(cookie));
    if (!session) throw new Error(`sign-in of ${email} on ${host} set no session cookie (status ${signedIn.status}): ${signedIn.body.slice(0, 300)}`);
    return session;
  }

  /** POST /api/auth/token: a staff bearer token. */
  async token(host: string, email: string, password: string): Promise<string> {
    const response = await this.send({ host, method: "POST", path: "/api/auth/token", json: { email, password } });
    if (response.status !== 200) throw new Error(`token for ${email} on ${host}: ${response.status} ${response.body}`);
    return (JSON.parse(response.body) as { accessToken: string }).accessToken;
  }
}

let builtActions: ReturnType<typeof readBuiltActions> | undefined;

/** The id the build gave a server action (`.next/server/server-reference-manifest.json`). */
export function actionId(file: string, name: string): string {
  builtActions ??= readBuiltActions(process.cwd());
  const found = builtActions?.get(`${file}#${name}`);
  if (!found) throw new Error(`server action ${file}#${name} is not in the build's server-reference-manifest.json (rebuild with \`npx next build\`)`);
  return found.id;
}

interface ReplyEncoder {
  encodeReply(value: unknown[]): Promise<string | FormData>;
}

/**
 * The body and headers of a server action call exactly as React's client sends them: the arguments
 * through `encodeReply` (a JSON string, or multipart when an argument is FormData), the action id in
 * `Next-Action`, posted to a page that uses the action.
 */
export async function actionProbe(file: string, name: string, args: unknown[]): Promise<Pick<Probe, "method" | "headers" | "body">> {
  const { createRequire } = await import("node:module");
  const encoder = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as ReplyEncoder;
  const encoded = await encoder.encodeReply(args);
  const headers = { "next-action": actionId(file, name), accept: "text/x-component" };
  if (typeof encoded === "string") return { method: "POST", headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body: encoded };
  // The multipart bytes exactly as fetch() sends this FormData: React's decodeReply found the fields empty when Playwright's multipart option encoded them.
  const asRequest = new Request("http://attack.invalid/", { method: "POST", body: encoded });
  const contentType = asRequest.headers.get("content-type") ?? "";
  return { method: "POST", headers: { ...headers, "content-type": contentType }, body: Buffer.from(await asRequest.arrayBuffer()) };
}

/** FormData as React would hand it to an action (the form's fields). */
export function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}
