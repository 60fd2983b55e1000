import { createClient, ErrorReply, MultiErrorReply, TimeoutError } from "redis";
import { logger } from "@/lib/log/logger";
import { ScriptShaMap, sha1Hex } from "./script-flags";

/**
 * The Upstash REST protocol's commands executed on a plain Redis/Valkey through node-redis, without any
 * transport: what `@upstash/redis` sends (`path` [] / ["pipeline"] / ["multi-exec"] and a JSON-shaped
 * command array or array of them) in, what it expects back (`{result}` / `{error}`, or an array of them)
 * out. Used in-process by the direct requester (kv-redis-requester.ts) and behind HTTP by the REST bridge.
 * - Redis's own error replies are `{error}` entries (the client throws UpstashError for them);
 * - a request refused as a whole (malformed, unknown path, a transaction Redis aborted) throws
 *   RequestRefused;
 * - anything else thrown means Redis is unreachable or slower than the command timeout (CommandTimeout).
 * With `base64` every string in a result is base64, as Upstash answers with `Upstash-Encoding: base64`.
 */

export type RedisReply = string | number | null | RedisReply[] | Buffer | boolean | { [key: string]: RedisReply };
export type JsonReply = string | number | null | boolean | JsonReply[] | { [key: string]: JsonReply };
export type UpstashResult = { result: JsonReply } | { error: string };

type Prepared = { args: string[]; transform?: (reply: RedisReply) => RedisReply } | { refusal: string };

export type RedisConnection = ReturnType<typeof newConnection>;

const STREAMING_COMMANDS = new Set(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR", "SYNC", "PSYNC", "QUIT", "RESET"]);

const MAX_PENDING_COMMANDS = 10_000;

/** The request as a whole is refused: the HTTP bridge answers 400, the direct requester throws UpstashError. */
export class RequestRefused extends Error {}

export interface ConnectOptions {
  redisUrl: string;
  /** Per-command limit on the Redis side (ms). */
  commandTimeoutMs: number;
}

/** One warning every 10 s at most while Redis is away; callers count their own failures. */
export function throttledWarning(): (error: unknown, message: string) => void {
  let lastWarning = 0;
  return (error, message) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error }, message);
  };
}

export function connectTimeoutMs(commandTimeoutMs: number): number {
  return Math.max(commandTimeoutMs, 1_000);
}

/**
 * The command connection: RESP2 (replies as the REST protocol returns them, HGETALL as a flat array), no
 * offline queue (nothing waits while Redis is away), reconnecting with backoff. Waits for the first
 * connection at most the connect timeout: a Redis that is down at boot must not stop the app from starting.
 */
function newConnection(options: ConnectOptions) {
  return createClient({
    url: options.redisUrl,
    RESP: 2,
    disableOfflineQueue: true,
    // Bounds the commands waiting on a stalled Redis (beyond: refused, counted as unreachable).
    commandsQueueMaxLength: MAX_PENDING_COMMANDS,
    // bounded() is the command timeout. node-redis's own (5 s by default) gives every command an
    // AbortSignal.timeout, a timer and a listener that live 5 s: at 10,000 tenants a flush of usage metering
    // sends ~6 commands per request, and those objects filled the old generation (docs/benchmarks.md).
    commandOptions: { timeout: 0 },
    socket: { connectTimeout: connectTimeoutMs(options.commandTimeoutMs), reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
}

export async function connectRedis(options: ConnectOptions, warn: (error: unknown, message: string) => void): Promise<RedisConnection> {
  const redis = newConnection(options);
  redis.on("error", (error: unknown) => warn(error, "kv: Redis connection error"));
  const connecting = redis.connect().then(
    () => undefined,
    (error: unknown) => warn(error, "kv: Redis not reachable yet"),
  );
  let connectTimer: NodeJS.Timeout | undefined;
  await Promise.race([connecting, new Promise<void>((resolve) => (connectTimer = setTimeout(resolve, connectTimeoutMs(options.commandTimeoutMs))))]);
  clearTimeout(connectTimer);
  return redis;
}

/** Redis did not answer a request within the command timeout. */
export class CommandTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

export function isTimeout(error: unknown): boolean {
  return error instanceof CommandTimeout || error instanceof TimeoutError;
}

/**
 * The only command timeout (node-redis's own is off, see newConnection; it covered only waiting to be
 * written, not the reply): a Redis that stops answering (SIGSTOP, a stalled host) keeps the socket open and
 * the promise pending. The late reply still arrives in order and is dropped.
 */
function bounded<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Expired timers run before the loop reads its sockets: after this process stalled past the timeout,
    // a reply already received would lose to its own timer. setImmediate runs after the read, so only a
    // reply that has really not come in time is a timeout.
    timer = setTimeout(() => setImmediate(() => reject(new CommandTimeout(timeoutMs))), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function toJson(reply: RedisReply, base64: boolean): JsonReply {
  if (reply === null || typeof reply === "number" || typeof reply === "boolean") return reply;
  if (typeof reply === "string") return base64 ? Buffer.from(reply, "utf8").toString("base64") : reply;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString("base64") : reply.toString("utf8");
  if (Array.isArray(reply)) return reply.map((item) => toJson(item, base64));
  return Object.fromEntries(Object.entries(reply).map(([key, value]) => [key, toJson(value, base64)]));
}

export interface RedisExecutor {
  /** One Upstash request; see the module comment for what it resolves to and throws. */
  execute(path: readonly string[], body: unknown, base64: boolean): Promise<UpstashResult | UpstashResult[]>;
}

export function createRedisExecutor(redis: RedisConnection, commandTimeoutMs: number): RedisExecutor {
  // Per connection's process: see ScriptShaMap.
  const shas = new ScriptShaMap();

  function prepare(raw: unknown): Prepared {
    if (!Array.isArray(raw) || raw.length === 0) throw new RequestRefused("ERR a command is a non-empty array");
    const args = raw.map((part: unknown) => {
      if (typeof part === "string") return part;
      if (typeof part === "number" || typeof part === "boolean") return String(part);
      throw new RequestRefused("ERR command arguments are strings or numbers");
    });
    const name = args[0]!.toUpperCase();
    if (STREAMING_COMMANDS.has(name)) return { refusal: `ERR ${name} is not available as a command; use kv.subscribe()` };
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

  async function runOne(prepared: Prepared): Promise<RedisReply> {
    if ("refusal" in prepared) throw new ErrorReply(prepared.refusal);
    const reply = (await redis.sendCommand(prepared.args)) as RedisReply;
    return prepared.transform ? prepared.transform(reply) : reply;
  }

  async function command(body: unknown, base64: boolean): Promise<UpstashResult> {
    try {
      return { result: toJson(await runOne(prepare(body)), base64) };
    } catch (error) {
      if (error instanceof RequestRefused || error instanceof ErrorReply) return { error: error.message };
      throw error;
    }
  }

  async function pipeline(body: unknown, base64: boolean): Promise<UpstashResult[]> {
    if (!Array.isArray(body) || body.length === 0) throw new RequestRefused("ERR a pipeline is a non-empty array of commands");
    const prepared = body.map(prepare);
    // Issued in one tick on one connection: node-redis writes them as one pipeline, in order.
    const settled = await Promise.allSettled(prepared.map(runOne));
    const unavailable = settled.find((outcome) => outcome.status === "rejected" && !(outcome.reason instanceof ErrorReply));
    if (unavailable?.status === "rejected") throw unavailable.reason;
    return settled.map((outcome) => (outcome.status === "fulfilled" ? { result: toJson(outcome.value, base64) } : { error: (outcome.reason as Error).message }));
  }

  async function multiExec(body: unknown, base64: boolean): Promise<UpstashResult[]> {
    if (!Array.isArray(body) || body.length === 0) throw new RequestRefused("ERR a transaction is a non-empty array of commands");
    const prepared = body.map(prepare);
    const refused = prepared.find((item) => "refusal" in item);
    if (refused && "refusal" in refused) throw new RequestRefused(refused.refusal);
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
      } else if (error instanceof ErrorReply) {
        throw new RequestRefused(error.message);
      } else throw error;
    }
    return replies.map((reply, index) => {
      const error = failed.get(index);
      if (error !== undefined) return { error };
      const item = prepared[index]!;
      const value = "transform" in item && item.transform ? item.transform(reply) : reply;
      return { result: toJson(value, base64) };
    });
  }

  return {
    execute(path, body, base64) {
      if (path.length === 0) return bounded(command(body, base64), commandTimeoutMs);
      if (path.length === 1 && path[0] === "pipeline") return bounded(pipeline(body, base64), commandTimeoutMs);
      if (path.length === 1 && path[0] === "multi-exec") return bounded(multiExec(body, base64), commandTimeoutMs);
      return Promise.reject(new RequestRefused(`ERR unknown path /${path.join("/")}`));
    },
  };
}

export interface SubscribeOnceHandlers {
  /** The subscription is confirmed by Redis. */
  confirmed(): void;
  message(message: string): void;
}

/**
 * One SUBSCRIBE on its own connection (no reconnect: when Redis goes, this resolves or rejects and the
 * caller resubscribes). Settles when the connection ends or `signal` aborts.
 */
export function subscribeOnce(redis: RedisConnection, channel: string, commandTimeoutMs: number, handlers: SubscribeOnceHandlers, signal: AbortSignal): Promise<void> {
  const subscriber = redis.duplicate({ socket: { connectTimeout: connectTimeoutMs(commandTimeoutMs), reconnectStrategy: false } });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const end = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (subscriber.isOpen) subscriber.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => end();
    if (signal.aborted) return end();
    signal.addEventListener("abort", onAbort);
    subscriber.on("error", (error: unknown) => end(error));
    subscriber.on("end", () => end());
    subscriber
      .connect()
      .then(() => subscriber.subscribe(channel, (message: string) => handlers.message(message)))
      .then(() => {
        if (!settled) handlers.confirmed();
      }, end);
  });
}
