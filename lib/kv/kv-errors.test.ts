import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors/app-error";
import { KvUnavailableError } from "./kv-errors";

// In `next build` output this module exists once per chunk; the process's Kv client throws the error class
// of the chunk that created it. Before the brand, the branding cache's fallback did not recognise such an
// error and a page or /api/tenant/branding answered 500 whenever Redis was down or slow.

describe("KvUnavailableError across copies of its module", () => {
  it("an error made by another copy of the module is an instance, and answers 503 unavailable", async () => {
    const anotherChunk: string = "./kv-errors.ts?another-chunk";
    const otherCopy = (await import(/* @vite-ignore */ anotherChunk)) as typeof import("./kv-errors");
    expect(otherCopy.KvUnavailableError).not.toBe(KvUnavailableError);

    const fromOtherChunk = new otherCopy.KvUnavailableError("timeout", "Redis did not answer within 250 ms");
    expect(fromOtherChunk instanceof KvUnavailableError).toBe(true);
    expect(new KvUnavailableError("server", "Redis unavailable") instanceof otherCopy.KvUnavailableError).toBe(true);
    expect(toAppError(fromOtherChunk).code).toBe("unavailable");
    expect(toAppError(fromOtherChunk).status).toBe(503);
    expect(toAppError(fromOtherChunk).headers).toEqual({ "retry-after": "2" });
  });

  it("other errors are not instances, and stay internal", () => {
    const lookalike = Object.assign(new Error("Redis did not answer"), { name: "KvUnavailableError", reason: "timeout" });
    expect(lookalike instanceof KvUnavailableError).toBe(false);
    const nothing: unknown = null;
    expect(nothing instanceof KvUnavailableError).toBe(false);
    expect(toAppError(lookalike).code).toBe("internal");
  });
});
