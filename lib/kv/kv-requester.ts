import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import { KvUnavailableError, type KvCounters } from "./kv-errors";

export interface RequesterOptions {
  url: string;
  token: string;
  timeoutMs: number;
  counters: KvCounters;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/**
 * The transport under @upstash/redis: one POST per command, pipeline or transaction, each bounded
 * by `timeoutMs` (no retries: a slow or absent Redis must cost a request milliseconds, not seconds),
 * every failure counted and thrown as KvUnavailableError. Redis's own errors come back as
 * `{error}` and are thrown by @upstash/redis as UpstashError, as with Upstash itself.
 */
export function createKvRequester({ url, token, timeoutMs, counters }: RequesterOptions): Requester {
  const baseUrl = url.replace(/\/$/, "");
  let syncToken = "";
  const fail = (reason: KvUnavailableError["reason"], message: string, cause?: unknown): never => {
    counters[reason] += 1;
    throw new KvUnavailableError(reason, message, cause);
  };
  return {
    readYourWrites: true,
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      if (req.isStreaming) throw new Error("lib/kv: subscribe with kvSubscribe(), not through the command client");
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let status: number;
      let text: string;
      try {
        const response = await fetch([baseUrl, ...(req.path ?? [])].join("/"), {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            ...(syncToken ? { "upstash-sync-token": syncToken } : {}),
            ...req.headers,
          },
          body: JSON.stringify(req.body),
          signal,
        });
        status = response.status;
        syncToken = response.headers.get("upstash-sync-token") ?? syncToken;
        text = await response.text();
      } catch (error) {
        if (req.signal?.aborted) throw error;
        return fail(isTimeout(error) ? "timeout" : "unreachable", isTimeout(error) ? `Redis did not answer within ${timeoutMs} ms` : "Redis is unreachable", error);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        return fail("server", `Redis REST endpoint answered ${status} with a body that is not JSON`, error);
      }
      if (status >= 500 || status === 401 || status === 403) {
        const message = typeof body === "object" && body !== null && "error" in body ? String((body as { error: unknown }).error) : `status ${status}`;
        return fail("server", `Redis REST endpoint refused the request: ${message}`);
      }
      counters.ok += 1;
      return body as UpstashResponse<TResult>;
    },
  };
}
