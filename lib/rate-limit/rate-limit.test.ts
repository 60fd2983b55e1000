import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimit, hitRateLimit, pruneRateLimits } from "./rate-limit";

describe("Postgres rate limit", () => {
  const rule = { bucket: "test", limit: 3, windowMs: 60_000 };

  it("allows `limit` hits per key and window, counts concurrent hits exactly", async () => {
    const now = new Date("2026-11-27T10:00:30Z");
    const results = await Promise.all(Array.from({ length: 5 }, () => hitRateLimit(rule, "203.0.113.1", now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
    expect((await hitRateLimit(rule, "203.0.113.2", now)).allowed).toBe(true);
    expect((await hitRateLimit(rule, "203.0.113.1", new Date("2026-11-27T10:01:00Z"))).allowed).toBe(true);
  });

  it("enforce throws rate_limited with a retry time", async () => {
    for (let hit = 0; hit < 3; hit++) await enforceRateLimit(rule, "198.51.100.9", "Too many enquiries.");
    const error = await enforceRateLimit(rule, "198.51.100.9", "Too many enquiries.").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("rate_limited");
    expect((error as AppError).message).toMatch(/Too many enquiries\. Try again after/);
  });

  it("prunes old windows", async () => {
    await hitRateLimit(rule, "old", new Date("2020-01-01T00:00:00Z"));
    expect(await pruneRateLimits(new Date("2021-01-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
  });
});
