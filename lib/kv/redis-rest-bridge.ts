import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { connectRedis, createRedisExecutor, RequestRefused, subscribeOnce, throttledWarning } from "./redis-executor";

/**
 * An Upstash-compatible REST endpoint in front of a plain Redis/Valkey, on 127.0.0.1: the commands of
 * redis-executor.ts behind HTTP. The app does not use it (with REDIS_URL, lib/kv executes on node-redis
 * directly); it is the real endpoint the tests of the REST path (UPSTASH_REDIS_REST_URL: kv-requester.ts,
 * subscribe over the event stream, Upstash's stock client) run against. The protocol, as @upstash/redis speaks it:
 * - `POST /` with a JSON command array → `{"result": …}` (200) or `{"error": "…"}` (400);
 * - `POST /pipeline` and `POST /multi-exec` with an array of commands → `[{"result"}|{"error"}, …]`;
 * - `POST /subscribe/<channel>` → a text/event-stream of `data: subscribe,<channel>,1` then
 *   `data: message,<channel>,<payload>` lines;
 * - `Authorization: Bearer <token>`; with `Upstash-Encoding: base64` every string in a result is base64.
 * Redis unreachable or slower than the command timeout → 503 at once; nothing is queued while Redis is away.
 */

export interface RedisRestBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  redisUrl: string;
  /** Per-command limit on the Redis side (ms). */
  commandTimeoutMs: number;
  host?: string;
  port?: number;
  token?: string;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BadRequest extends Error {}

export async function startRedisRestBridge(options: BridgeOptions): Promise<RedisRestBridge> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  const warn = throttledWarning();
  const redis = await connectRedis({ redisUrl: options.redisUrl, commandTimeoutMs: options.commandTimeoutMs }, warn);
  const executor = createRedisExecutor(redis, options.commandTimeoutMs);
  const subscriptions = new Set<AbortController>();

  function handleSubscribe(channel: string, response: http.ServerResponse): void {
    const controller = new AbortController();
    subscriptions.add(controller);
    response.on("close", () => controller.abort());
    subscribeOnce(redis, channel, options.commandTimeoutMs, {
      confirmed() {
        response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
        response.write(`data: subscribe,${channel},1\n\n`);
      },
      message(message) {
        response.write(`data: message,${channel},${message.replace(/\r?\n/g, " ")}\n\n`);
      },
    }, controller.signal)
      .catch((error: unknown) => warn(error, "kv bridge: subscription ended"))
      .finally(() => {
        subscriptions.delete(controller);
        if (!response.headersSent) sendJson(response, 503, { error: "Redis unavailable" });
        else if (!response.writableEnded) response.end();
      });
  }

  function authorized(request: http.IncomingMessage): boolean {
    const header = request.headers.authorization ?? "";
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ""));
    const expected = Buffer.from(token);
    return header.toLowerCase().startsWith("bearer ") && given.length === expected.length && timingSafeEqual(given, expected);
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      if (!authorized(request)) return sendJson(response, 401, { error: "Unauthorized" });
      if (request.method !== "POST") return sendJson(response, 405, { error: "POST only" });
      const path = (request.url ?? "/").split("?")[0]!;
      const base64 = String(request.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
      try {
        if (path.startsWith("/subscribe/")) {
          request.resume();
          return handleSubscribe(decodeURIComponent(path.slice("/subscribe/".length)), response);
        }
        const segments = path === "/" ? [] : path === "/pipeline" ? ["pipeline"] : path === "/multi-exec" ? ["multi-exec"] : undefined;
        if (!segments) return sendJson(response, 404, { error: `Unknown path ${path}` });
        const body = JSON.parse(await readBody(request)) as unknown;
        const payload = await executor.execute(segments, body, base64);
        sendJson(response, !Array.isArray(payload) && "error" in payload ? 400 : 200, payload);
      } catch (error) {
        if (error instanceof BadRequest || error instanceof SyntaxError) return sendJson(response, 400, { error: `ERR ${error.message}` });
        if (error instanceof RequestRefused) return sendJson(response, 400, { error: error.message });
        warn(error, "kv bridge: Redis unavailable");
        sendJson(response, 503, { error: `Redis unavailable: ${(error as Error).message}` });
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    token,
    async close() {
      for (const subscription of subscriptions) subscription.abort();
      subscriptions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (redis.isOpen) redis.destroy();
    },
  };
}

function sendJson(response: http.ServerResponse, status: number, payload: unknown): void {
  if (response.headersSent) return void response.end();
  const body = JSON.stringify(payload);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest("request body too large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
