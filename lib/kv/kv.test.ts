import { randomBytes } from "node:crypto";
import net from "node:net";
import { Ratelimit } from "@upstash/ratelimit";
import { errors, Redis } from "@upstash/redis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRedisServer, type RedisServer } from "@/lib/dev/embedded-redis";
import { createKv, KvUnavailableError, type Kv } from "./kv";
import { emptyCounters } from "./kv-errors";
import { createRedisRequester } from "./kv-redis-requester";
import { connectRedis, createRedisExecutor, throttledWarning } from "./redis-executor";
import { startRedisRestBridge } from "./redis-rest-bridge";
import { scriptForRedis, sha1Hex } from "./script-flags";

// Against this machine's Redis (127.0.0.1:6379, or TEST_REDIS_URL) and redis-servers the tests start
// and stop themselves; never an in-memory stand-in. Keys carry a per-run prefix.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `kv-test-${randomBytes(4).toString("hex")}`;
const RATELIMIT_SCRIPT_START = "#!lua flags=allow-key-locking";

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const started = performance.now();
  const outcome = await work().catch((error: unknown) => error);
  return { ms: performance.now() - started, outcome };
}

describe("script shebang flags", () => {
  it("drops the flags Redis 7 does not know, keeps the ones it does, and keeps line numbers", () => {
    const script = `${RATELIMIT_SCRIPT_START}\nlocal a = 1\nreturn a`;
    expect(scriptForRedis(script)).toBe("#!lua\nlocal a = 1\nreturn a");
    expect(scriptForRedis("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(scriptForRedis("#!lua flags=no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(scriptForRedis("return 1")).toBe("return 1");
  });
});

describe("lib/kv on the machine's Redis (REDIS_URL: @upstash/redis executed on node-redis, no HTTP)", () => {
  let kv: Kv;
  beforeAll(async () => {
    kv = await createKv({ kind: "redis", redisUrl: REDIS_URL }, { timeoutMs: 1_000, namespace: prefix });
  });
  afterAll(async () => {
    const keys = await kv.redis.keys(`${prefix}*`);
    if (keys.length > 0) await kv.redis.del(...keys);
    await kv.close();
  });

  it("does not count its own stalled event loop as Redis timing out: a reply that came in time wins", async () => {
    const quick = await createKv({ kind: "redis", redisUrl: REDIS_URL }, { timeoutMs: 100, namespace: prefix });
    try {
      await quick.redis.set(quick.key("stall"), "answered");
      const before = { ...quick.counters };
      // Right after the GET is written, this process is busy (a long render, a GC) past the timeout, while
      // Redis's reply comes in and waits in the socket.
      const write = net.Socket.prototype.write;
      let armed = true;
      const writes = vi.spyOn(net.Socket.prototype, "write").mockImplementation(function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
        const written = write.apply(this, args);
        if (armed && String(args[0]).includes(quick.key("stall"))) {
          armed = false;
          const busyUntil = Date.now() + 300;
          while (Date.now() < busyUntil);
        }
        return written;
      });
      try {
        expect(await quick.redis.get(quick.key("stall"))).toBe("answered");
      } finally {
        writes.mockRestore();
      }
      expect(armed).toBe(false);
      expect(quick.counters.timeout).toBe(before.timeout);
    } finally {
      await quick.close();
    }
  });

  it("gives a pipeline's commands no timer of their own (one bounded() timer per call, not node-redis's per command)", async () => {
    // node-redis's default 5 s command timeout is an AbortSignal.timeout per command: a usage flush of 2,400
    // commands then cost ~7× the time and filled the old generation (docs/benchmarks.md).
    const timeouts = vi.spyOn(AbortSignal, "timeout");
    try {
      const pipeline = kv.redis.pipeline();
      for (let index = 0; index < 100; index++) pipeline.hincrby(kv.key("flush"), `field-${index % 10}`, 1);
      const replies = await pipeline.exec();
      expect(replies).toHaveLength(100);
      expect(await kv.redis.hget(kv.key("flush"), "field-0")).toBe(10);
      expect(timeouts).not.toHaveBeenCalled();
    } finally {
      timeouts.mockRestore();
    }
  });

  it("runs commands, pipelines and transactions, and reports Redis's own errors as command errors", async () => {
    const key = kv.key("plain");
    expect(await kv.redis.set(key, "héllo, wörld")).toBe("OK");
    expect(await kv.redis.get(key)).toBe("héllo, wörld");
    expect(await kv.redis.incr(kv.key("n"))).toBe(1);
    const pipeline = kv.redis.pipeline();
    pipeline.incr(kv.key("n")).get(key).hset(kv.key("h"), { a: "1" }).hgetall(kv.key("h"));
    expect(await pipeline.exec()).toEqual([2, "héllo, wörld", 1, { a: 1 }]);
    const transaction = kv.redis.multi();
    transaction.incrby(kv.key("n"), 10).get(kv.key("n"));
    expect(await transaction.exec()).toEqual([12, 12]);

    const wrongType = await kv.redis.incr(key).catch((error: unknown) => error);
    expect(wrongType).not.toBeInstanceOf(KvUnavailableError);
    expect(String(wrongType)).toMatch(/not an integer/);
    expect(kv.counters).toMatchObject({ timeout: 0, unreachable: 0, server: 0 });
  });

  it("goes to Redis without HTTP: no fetch for commands, pipelines, transactions or subscriptions", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      await kv.redis.set(kv.key("no-http"), "1");
      await kv.redis.pipeline().incr(kv.key("no-http")).get(kv.key("no-http")).exec();
      await kv.redis.multi().incr(kv.key("no-http")).exec();
      const subscription = kv.subscribe(kv.key("no-http-channel"), { onMessage: () => undefined });
      await subscription.ready;
      subscription.close();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
    expect(kv.target).toBe(new URL(REDIS_URL).toString());
  });

  it("the direct requester answers as @upstash/redis expects: base64 on request, {error} per command, a refused transaction throws UpstashError", async () => {
    const connection = await connectRedis({ redisUrl: REDIS_URL, commandTimeoutMs: 1_000 }, throttledWarning());
    const counters = emptyCounters();
    const requester = createRedisRequester({ executor: createRedisExecutor(connection, 1_000), timeoutMs: 1_000, counters });
    try {
      await requester.request({ body: ["SET", kv.key("b64"), "välue"] });
      expect(await requester.request({ body: ["GET", kv.key("b64")], headers: { "Upstash-Encoding": "base64" } })).toEqual({ result: Buffer.from("välue").toString("base64") });
      expect(await requester.request({ body: ["GET", kv.key("b64")] })).toEqual({ result: "välue" });
      expect(await requester.request({ path: ["pipeline"], body: [["GET", kv.key("b64")], ["INCR", kv.key("b64")]] })).toEqual([
        { result: "välue" },
        { error: "ERR value is not an integer or out of range" },
      ]);
      expect(await requester.request({ body: ["SUBSCRIBE", kv.key("c")] })).toMatchObject({ error: expect.stringMatching(/not available/) });
      const aborted = await requester.request({ path: ["multi-exec"], body: [["SET", kv.key("b64")], ["GET", kv.key("b64")]] }).catch((error: unknown) => error);
      expect(aborted).toBeInstanceOf(errors.UpstashError);
      expect(String(aborted)).toMatch(/EXECABORT|wrong number/i);
      expect(counters).toEqual({ ok: 6, timeout: 0, unreachable: 0, server: 0 });
    } finally {
      connection.destroy();
    }
  });

  it("speaks the protocol of Upstash's own client too (base64 results) and refuses a wrong token", async () => {
    const bridge = await startRedisRestBridge({ redisUrl: REDIS_URL, commandTimeoutMs: 1_000 });
    try {
      const stock = new Redis({ url: bridge.url, token: bridge.token, retry: false });
      await stock.set(kv.key("stock"), "välue ✓");
      expect(await stock.get(kv.key("stock"))).toBe("välue ✓");
      expect(await stock.ping()).toBe("PONG");
      const intruder = await fetch(bridge.url, { method: "POST", headers: { authorization: "Bearer wrong" }, body: JSON.stringify(["GET", kv.key("stock")]) });
      expect(intruder.status).toBe(401);
    } finally {
      await bridge.close();
    }
  });

  it("talks to an Upstash-compatible REST endpoint given by URL and token (commands and subscriptions); a wrong token is a counted failure, not a hang", async () => {
    const endpoint = await startRedisRestBridge({ redisUrl: REDIS_URL, commandTimeoutMs: 1_000 });
    const rest = await createKv({ kind: "rest", url: endpoint.url, token: endpoint.token }, { timeoutMs: 1_000, namespace: prefix });
    const wrong = await createKv({ kind: "rest", url: endpoint.url, token: "not-the-token" }, { timeoutMs: 1_000, namespace: prefix });
    try {
      await rest.redis.set(rest.key("rest"), "via REST");
      expect(await kv.redis.get(kv.key("rest"))).toBe("via REST");
      const refused = await wrong.redis.get(rest.key("rest")).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(KvUnavailableError);
      expect(refused).toMatchObject({ reason: "server" });
      expect(wrong.counters.server).toBe(1);
      expect(rest.target).toBe(new URL(endpoint.url).origin);

      // Subscriptions over the REST protocol's event stream.
      let arrived!: (message: string) => void;
      const message = new Promise<string>((resolve) => (arrived = resolve));
      const subscription = rest.subscribe(rest.key("rest-channel"), { onMessage: (received) => arrived(received) });
      await subscription.ready;
      await kv.redis.publish(kv.key("rest-channel"), "over REST");
      expect(await message).toBe("over REST");
      subscription.close();
    } finally {
      await rest.close();
      await wrong.close();
      await endpoint.close();
    }
  });

  it("makes @upstash/ratelimit's sliding window work on real Redis, which refuses its scripts as sent", async () => {
    const direct = createClient({ url: REDIS_URL });
    await direct.connect();
    try {
      await expect(direct.sendCommand(["EVAL", `${RATELIMIT_SCRIPT_START}\nreturn 1`, "0"])).rejects.toThrow(/flag/i);
    } finally {
      direct.destroy();
    }

    const limiter = new Ratelimit({ redis: kv.redis, limiter: Ratelimit.slidingWindow(5, "60 s"), prefix: kv.key("rl"), ephemeralCache: false, analytics: false, timeout: 0 });
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await limiter.limit("tenant-a"));
    expect(outcomes.map((outcome) => outcome.success)).toEqual([true, true, true, true, true, false]);
    expect(outcomes.map((outcome) => outcome.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(outcomes[5]!.limit).toBe(5);
    expect((await limiter.limit("tenant-b")).success).toBe(true);

    // A second process has never seen the script: EVALSHA of the client's SHA meets NOSCRIPT
    // there, the client falls back to EVAL, and the count carries on from the same keys.
    const other = await createKv({ kind: "redis", redisUrl: REDIS_URL }, { timeoutMs: 1_000, namespace: prefix });
    try {
      const sameLimiter = new Ratelimit({ redis: other.redis, limiter: Ratelimit.slidingWindow(5, "60 s"), prefix: kv.key("rl"), ephemeralCache: false, analytics: false, timeout: 0 });
      expect(await sameLimiter.limit("tenant-b")).toMatchObject({ success: true, remaining: 3 });
      expect(await sameLimiter.limit("tenant-a")).toMatchObject({ success: false, remaining: 0 });
    } finally {
      await other.close();
    }
  });

  it("keeps SCRIPT LOAD / EVALSHA / SCRIPT EXISTS consistent with the SHA the client computed", async () => {
    const script = `${RATELIMIT_SCRIPT_START}\nreturn redis.call('INCR', KEYS[1])`;
    const sha = await kv.redis.scriptLoad(script);
    expect(sha).toBe(sha1Hex(script));
    expect(await kv.redis.scriptExists(sha)).toEqual([1]);
    expect(await kv.redis.evalsha(sha, [kv.key("script")], [])).toBe(1);
    expect(await kv.redis.eval(script, [kv.key("script")], [])).toBe(2);
  });

  it("delivers published messages to subscribers", async () => {
    const received: string[] = [];
    let arrived!: () => void;
    const done = new Promise<void>((resolve) => (arrived = resolve));
    const subscription = kv.subscribe(kv.key("channel"), {
      onMessage: (message) => {
        received.push(message);
        if (received.length === 2) arrived();
      },
    });
    await subscription.ready;
    await kv.redis.publish(kv.key("channel"), "tenant-1");
    await kv.redis.publish(kv.key("channel"), "tenant-2");
    await done;
    subscription.close();
    expect(received).toEqual(["tenant-1", "tenant-2"]);
  });
});

describe("Redis stopped or stalled in the middle", () => {
  let port: number;
  let server: RedisServer;
  let kv: Kv;
  const TIMEOUT_MS = 300;

  beforeAll(async () => {
    server = await startRedisServer({ stopSignal: "SIGKILL" });
    port = server.port;
    kv = await createKv({ kind: "redis", redisUrl: `redis://127.0.0.1:${port}` }, { timeoutMs: TIMEOUT_MS, namespace: prefix });
  });
  afterAll(async () => {
    await kv.close();
    server.child.kill("SIGCONT");
    await server.stop();
  });

  it("fails fast with KvUnavailableError and counts it, then recovers when Redis is back", async () => {
    await vi.waitFor(async () => expect(await kv.redis.set(kv.key("k"), "1")).toBe("OK"), { timeout: 10_000 });

    // Stalled: SIGSTOP keeps the socket open and answers nothing.
    server.child.kill("SIGSTOP");
    const stalled = await timed(() => kv.redis.get(kv.key("k")));
    expect(stalled.outcome).toBeInstanceOf(KvUnavailableError);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS * 4);
    expect(kv.counters.timeout + kv.counters.server).toBeGreaterThanOrEqual(1);
    server.child.kill("SIGCONT");
    await vi.waitFor(async () => expect(await kv.redis.get(kv.key("k"))).toBe(1), { timeout: 10_000 });

    const subscription = kv.subscribe(kv.key("events"), { onMessage: () => undefined, onResubscribed: () => resubscribed() });
    let resubscribed!: () => void;
    const cameBack = new Promise<void>((resolve) => (resubscribed = resolve));
    await subscription.ready;

    // Gone: the process is killed.
    await server.stop();
    const before = { ...kv.counters };
    const gone = await timed(() => kv.redis.get(kv.key("k")));
    expect(gone.outcome).toBeInstanceOf(KvUnavailableError);
    expect(gone.ms).toBeLessThan(TIMEOUT_MS * 4);
    const pipelined = await timed(() => kv.redis.pipeline().incr(kv.key("n")).get(kv.key("k")).exec());
    expect(pipelined.outcome).toBeInstanceOf(KvUnavailableError);
    expect(pipelined.ms).toBeLessThan(TIMEOUT_MS * 4);
    expect(kv.counters.unreachable + kv.counters.server + kv.counters.timeout).toBe(before.unreachable + before.server + before.timeout + 2);

    server = await startRedisServer({ port, stopSignal: "SIGKILL" });
    await vi.waitFor(async () => expect(await kv.redis.set(kv.key("k"), "2")).toBe("OK"), { timeout: 10_000 });
    await cameBack;
    subscription.close();
  });
});
