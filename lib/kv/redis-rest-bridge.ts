import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, ErrorReply, MultiErrorReply } from "redis";
import { logger } from "@/lib/log/logger";
import { ScriptShaMap, sha1Hex } from "./script-flags";

/**
 * An Upstash-compatible REST endpoint in front of a plain Redis/Valkey, served on 127.0.0.1 by the
 * process that uses it, so `@upstash/redis` (and `@upstash/ratelimit` on top of it) talk to any Redis.
 * The protocol, as @upstash/redis speaks it:
 * - `POST /` with a JSON command array → `{"result": …}` (200) or `{"error": "…"}` (400);
 * - `POST /pipeline` and `POST /multi-exec` with an array of commands → `[{"result"}|{"error"}, …]`;
 * - `POST /subscribe/<channel>` → a text/event-stream of `data: subscribe,<channel>,1` then
 *   `data: message,<channel>,<payload>` lines;
 * - `Authorization: Bearer <token>`; with `Upstash-Encoding: base64` every string in a result is base64.
 * Redis unreachable or slower than the command timeout → 503 at once (the client's own timeout bounds
 * the rest); nothing is queued while Redis is away.
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

type RedisReply = string | number | null | RedisReply[] | Buffer | boolean | { [key: string]: RedisReply };
type JsonReply = string | number | null | boolean | JsonReply[] | { [key: string]: JsonReply };
type Prepared = { args: string[]; transform?: (reply: RedisReply) => RedisReply } | { refusal: string };

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const STREAMING_COMMANDS = new Set(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR", "SYNC", "PSYNC", "QUIT", "RESET"]);

class BadRequest extends Error {}

export async function startRedisRestBridge(options: BridgeOptions): Promise<RedisRestBridge> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  const shas = new ScriptShaMap();
  let lastWarning = 0;
  const warn = (error: unknown, message: string) => {
    // One line every 10 s at most while Redis is away; callers count their own failures.
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error }, message);
  };

  const redis = createClient({
    url: options.redisUrl,
    // RESP2: replies as the REST protocol returns them (HGETALL as a flat array, not a map).
    RESP: 2,
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs },
    socket: { connectTimeout: Math.max(options.commandTimeoutMs, 1_000), reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  redis.on("error", (error: unknown) => warn(error, "kv bridge: Redis connection error"));
  const subscribers = new Set<{ destroy(): void }>();
  // Waited for at most the connect timeout: a Redis that is down at boot must not stop the app from starting.
  const connecting = redis.connect().then(
    () => undefined,
    (error: unknown) => warn(error, "kv bridge: Redis not reachable yet"),
  );
  let connectTimer: NodeJS.Timeout | undefined;
  await Promise.race([connecting, new Promise<void>((resolve) => (connectTimer = setTimeout(resolve, Math.max(options.commandTimeoutMs, 1_000))))]);
  clearTimeout(connectTimer);

  function prepare(raw: unknown): Prepared {
    if (!Array.isArray(raw) || raw.length === 0) throw new BadRequest("a command is a non-empty JSON array");
    const args = raw.map((part) => {
      if (typeof part === "string") return part;
      if (typeof part === "number" || typeof part === "boolean") return String(part);
      throw new BadRequest("command arguments are strings or numbers");
    });
    const name = args[0]!.toUpperCase();
    if (STREAMING_COMMANDS.has(name)) return { refusal: `ERR ${name} is not available over REST; use /subscribe/<channel>` };
    if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) args[1] = shas.rewrite(args[1]);
    if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) args[1] = shas.redisSha(args[1]);
    if (name === "SCRIPT") {
      const sub = args[1]?.toUpperCase();
      if (sub === "LOAD" && args[2] !== undefined) {
        const clientSha = sha1Hex(args[2]);
        args[2] = shas.rewrite(args[2]);
        return { args, transform: () => clientSha };
      }
      if (sub === "EXISTS") for (let i = 2; i < args.length; i++) args[i] = shas.redisSha(args[i]!);
    }
    return { args };
  }

  function toJson(reply: RedisReply, base64: boolean): JsonReply {
    if (reply === null || typeof reply === "number" || typeof reply === "boolean") return reply;
    if (typeof reply === "string") return base64 ? Buffer.from(reply, "utf8").toString("base64") : reply;
    if (Buffer.isBuffer(reply)) return base64 ? reply.toString("base64") : reply.toString("utf8");
    if (Array.isArray(reply)) return reply.map((item) => toJson(item, base64));
    return Object.fromEntries(Object.entries(reply).map(([key, value]) => [key, toJson(value, base64)]));
  }

  function isRedisError(error: unknown): error is ErrorReply {
    return error instanceof ErrorReply;
  }

  async function runOne(prepared: Prepared): Promise<RedisReply> {
    if ("refusal" in prepared) throw new ErrorReply(prepared.refusal);
    const reply = (await redis.sendCommand(prepared.args)) as RedisReply;
    return prepared.transform ? prepared.transform(reply) : reply;
  }

  async function handleCommand(body: unknown, base64: boolean): Promise<[number, unknown]> {
    try {
      return [200, { result: toJson(await runOne(prepare(body)), base64) }];
    } catch (error) {
      if (error instanceof BadRequest || isRedisError(error)) return [400, { error: error.message }];
      throw error;
    }
  }

  async function handlePipeline(body: unknown, base64: boolean): Promise<[number, unknown]> {
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest("a pipeline is a non-empty array of commands");
    const prepared = body.map(prepare);
    // Issued in one tick on one connection: node-redis writes them as one pipeline, in order.
    const settled = await Promise.allSettled(prepared.map(runOne));
    const unavailable = settled.find((outcome) => outcome.status === "rejected" && !isRedisError(outcome.reason));
    if (unavailable?.status === "rejected") throw unavailable.reason;
    return [
      200,
      settled.map((outcome) =>
        outcome.status === "fulfilled" ? { result: toJson(outcome.value, base64) } : { error: (outcome.reason as Error).message },
      ),
    ];
  }

  async function handleMultiExec(body: unknown, base64: boolean): Promise<[number, unknown]> {
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest("a transaction is a non-empty array of commands");
    const prepared = body.map(prepare);
    const refused = prepared.find((item) => "refusal" in item);
    if (refused && "refusal" in refused) return [400, { error: refused.refusal }];
    const multi = redis.multi();
    for (const item of prepared) if ("args" in item) multi.addCommand(item.args);
    let replies: RedisReply[];
    const failed = new Map<number, string>();
    try {
      replies = (await multi.exec()) as unknown as RedisReply[];
    } catch (error) {
      if (error instanceof MultiErrorReply) {
        replies = error.replies as unknown as RedisReply[];
        for (const index of error.errorIndexes) failed.set(index, (error.replies[index] as Error).message);
      } else if (isRedisError(error)) {
        return [400, { error: error.message }];
      } else throw error;
    }
    return [
      200,
      replies.map((reply, index) => {
        const error = failed.get(index);
        if (error !== undefined) return { error };
        const item = prepared[index]!;
        const value = "transform" in item && item.transform ? item.transform(reply) : reply;
        return { result: toJson(value, base64) };
      }),
    ];
  }

  async function handleSubscribe(channel: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Its own connection; no reconnect: when Redis goes, the stream ends and the client resubscribes.
    const subscriber = redis.duplicate({ socket: { connectTimeout: Math.max(options.commandTimeoutMs, 1_000), reconnectStrategy: false } });
    subscribers.add(subscriber);
    const stop = () => {
      subscribers.delete(subscriber);
      subscriber.destroy();
      if (!response.writableEnded) response.end();
    };
    subscriber.on("error", stop);
    response.on("close", stop);
    try {
      await subscriber.connect();
      await subscriber.subscribe(channel, (message: string) => {
        response.write(`data: message,${channel},${message.replace(/\r?\n/g, " ")}\n\n`);
      });
    } catch (error) {
      warn(error, "kv bridge: subscribe failed");
      stop();
      if (!response.headersSent) sendJson(response, 503, { error: "Redis unavailable" });
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    response.write(`data: subscribe,${channel},1\n\n`);
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
          return await handleSubscribe(decodeURIComponent(path.slice("/subscribe/".length)), request, response);
        }
        const body = JSON.parse(await readBody(request)) as unknown;
        const handler = path === "/" ? handleCommand : path === "/pipeline" ? handlePipeline : path === "/multi-exec" ? handleMultiExec : undefined;
        if (!handler) return sendJson(response, 404, { error: `Unknown path ${path}` });
        const [status, payload] = await handler(body, base64);
        sendJson(response, status, payload);
      } catch (error) {
        if (error instanceof BadRequest || error instanceof SyntaxError) return sendJson(response, 400, { error: `ERR ${error.message}` });
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
      for (const subscriber of subscribers) subscriber.destroy();
      subscribers.clear();
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
