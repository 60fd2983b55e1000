import { errors, type Requester, type UpstashRequest, type UpstashResponse } from "@upstash/redis";
import { KvUnavailableError, type KvCounters } from "./kv-errors";
import { isTimeout, RequestRefused, type RedisExecutor } from "./redis-executor";

export interface RedisRequesterOptions {
  executor: RedisExecutor;
  timeoutMs: number;
  counters: KvCounters;
}

function wantsBase64(headers: Record<string, string> | undefined): boolean {
  if (!headers) return false;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === "upstash-encoding") return value.toLowerCase() === "base64";
  return false;
}

/**
 * The transport under @upstash/redis for a plain Redis (REDIS_URL): each request executed on this process's
 * node-redis connection, no HTTP and no JSON in between. Same contract as the REST requester (kv-requester.ts):
 * bounded by `timeoutMs` (node-redis's command timeout), no retries, Redis unreachable or slow counted and
 * thrown as KvUnavailableError; Redis's error replies come back as `{error}` (UpstashError from the client),
 * and a pipeline or transaction refused as a whole throws UpstashError, as @upstash/redis's HTTP client does
 * for an endpoint's 400. Results are plain strings unless the request asks for `Upstash-Encoding: base64`:
 * with a custom requester @upstash/redis decodes nothing itself.
 */
export function createRedisRequester({ executor, timeoutMs, counters }: RedisRequesterOptions): Requester {
  return {
    readYourWrites: true,
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      if (req.isStreaming) throw new Error("lib/kv: subscribe with kv.subscribe(), not through the command client");
      const path = req.path ?? [];
      let response: unknown;
      try {
        response = await executor.execute(path, req.body, wantsBase64(req.headers));
      } catch (error) {
        if (error instanceof RequestRefused) {
          counters.ok += 1;
          throw new errors.UpstashError(`${error.message}, command was: ${JSON.stringify(req.body)}`);
        }
        const reason = isTimeout(error) ? "timeout" : "unreachable";
        counters[reason] += 1;
        throw new KvUnavailableError(reason, reason === "timeout" ? `Redis did not answer within ${timeoutMs} ms` : "Redis is unreachable", error);
      }
      counters.ok += 1;
      // A pipeline's or transaction's answer is an array of these; @upstash/redis's Pipeline reads it as such.
      return response as UpstashResponse<TResult>;
    },
  };
}
