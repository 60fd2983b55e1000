import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { kv } from "@/lib/kv/kv";
import { RATE_LIMIT_POLICIES } from "./policies";
import { allowRateLimit, enforceRateLimit } from "./rate-limit";
import { rateLimitCounters } from "./sliding-window-limiter";

// The per-IP / per-account policies on this machine's real Redis (same limiter as the tenant API limit).

describe("per-IP and per-account limits (real Redis)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000 + 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allows the policy's limit per identifier, counted in Redis; another identifier is unaffected", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}-${crypto.randomUUID()}`;
    const inProcess = rateLimitCounters().inProcess;
    const results: boolean[] = [];
    for (let hit = 0; hit < RATE_LIMIT_POLICIES.passwordResetIp.limit + 2; hit += 1) results.push(await allowRateLimit("passwordResetIp", ip));
    expect(results.filter(Boolean)).toHaveLength(20);
    expect(results.at(-1)).toBe(false);
    expect(await allowRateLimit("passwordResetIp", `${ip}-other`)).toBe(true);
    expect(rateLimitCounters().inProcess).toBe(inProcess);
    const client = (await kv())!;
    expect(await client.redis.keys(`${client.key("ratelimit", "password-reset-ip")}:${ip}*`)).not.toHaveLength(0);
  });

  it("enforce throws rate_limited with a retry time at the end of the window", async () => {
    const key = `tenant:${crypto.randomUUID()}`;
    for (let hit = 0; hit < 5; hit += 1) await enforceRateLimit("portalEnquiry", key, "Too many enquiries.");
    const error = await enforceRateLimit("portalEnquiry", key, "Too many enquiries.").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("rate_limited");
    const windowEnd = new Date((Math.floor(Date.now() / 600_000) + 1) * 600_000).toISOString();
    expect((error as AppError).message).toBe(`Too many enquiries. Try again after ${windowEnd}.`);
  });

  it("policies are distinct counters: the sign-up limit does not spend the enquiry budget", async () => {
    const key = `tenant:${crypto.randomUUID()}`;
    for (let hit = 0; hit < 5; hit += 1) expect(await allowRateLimit("customerSignUp", key)).toBe(true);
    expect(await allowRateLimit("customerSignUp", key)).toBe(false);
    expect(await allowRateLimit("portalEnquiry", key)).toBe(true);
  });
});
