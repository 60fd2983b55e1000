// The flooder of scripts/bench-noisy.ts, in a process of its own: 64 connections answered as fast as they
// can be, in the same process as the light tenant's client, starved that client (no light response at all
// while the flood ran, though curl from outside was answered in 0.5 s). Argument: a JSON FloodRequest.
// Warms its client, prints "ready", floods when its stdin ends, and prints one JSON FloodTally line on stdout.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";

export interface FloodRequest {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  windowMs: number;
}

export interface FloodTally {
  ok: number;
  rateLimited: number;
  concurrencyCapped: number;
  unavailable: number;
  other: number;
  errors: number;
  timeouts: number;
  /** ms after the flood started: the first 429 of the rate limit (RateLimit-Remaining: 0). */
  firstRateLimitedMs: number | null;
  /** ms after the flood started: the last 2xx inside the first window. */
  lastOkInFirstWindowMs: number | null;
  /** The first rate-limit 429 (decided by withTenant, on Next's path) and the last of the same window (by then the front door's). */
  firstRateLimited: SampledAnswer | null;
  lastRateLimited: SampledAnswer | null;
}

export interface SampledAnswer {
  headers: Record<string, string>;
  body: string;
}

const resetAtOf = (body: string) => /"resetAt":"([^"]+)"/.exec(body)?.[1];

/**
 * A second of the same load against a server of this process, before the flood: autocannon's first
 * requests run cold (JIT, 64 clients to build) and on a 2-core machine that CPU was taken from the server
 * and the light tenant's client at the flood's first 50 ms — the harness's cost, not the app's.
 */
async function warmUpClient(connections: number): Promise<void> {
  const server = createServer((_request, response) => response.end("ok"));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  await autocannon({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, connections, duration: 1 });
  server.closeAllConnections();
  server.close();
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]!) as FloodRequest;
  const tally: FloodTally = { ok: 0, rateLimited: 0, concurrencyCapped: 0, unavailable: 0, other: 0, errors: 0, timeouts: 0, firstRateLimitedMs: null, lastOkInFirstWindowMs: null, firstRateLimited: null, lastRateLimited: null };
  await warmUpClient(input.connections);
  process.stdout.write("ready\n");
  process.stdin.resume();
  await once(process.stdin, "end");
  const started = performance.now();
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    timeout: 30,
    headers: input.headers,
    requests: [
      {
        method: "GET",
        onResponse: (status, body, _context, headers) => {
          const at = performance.now() - started;
          if (status >= 200 && status < 300) {
            tally.ok += 1;
            if (at < input.windowMs) tally.lastOkInFirstWindowMs = at;
          } else if (status === 429 && Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "ratelimit-remaining")) {
            tally.rateLimited += 1;
            tally.firstRateLimitedMs ??= at;
            const sample = { headers: Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)])), body: String(body) };
            tally.firstRateLimited ??= sample;
            if (resetAtOf(sample.body) === resetAtOf(tally.firstRateLimited.body)) tally.lastRateLimited = sample;
          } else if (status === 429) tally.concurrencyCapped += 1;
          else if (status === 503) tally.unavailable += 1;
          else tally.other += 1;
        },
      },
    ],
  });
  tally.errors = result.errors;
  tally.timeouts = result.timeouts;
  process.stdout.write(`${JSON.stringify(tally)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
