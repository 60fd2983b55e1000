import { describe, expect, it } from "vitest";
import { isValidSlug, slugSchema } from "./slug";

describe("slug", () => {
  it.each(["acme", "abc", "acme-realty", "a1b", "x".repeat(63)])("accepts %s", (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each(["ab", "x".repeat(64), "Acme", "acme_realty", "-acme", "acme-", "ac--me", "acme realty", "émile", "admin", "www", "api", "app", "mail", "static"])(
    "rejects %s",
    (slug) => {
      expect(isValidSlug(slug)).toBe(false);
    },
  );

  it.each(["acme", " acme ", "ab", "abc", "x".repeat(63), "x".repeat(64), "a-b", "a--b", "-ab", "ab-", "Acme", "", " ", "admin", " www", "a\u0000b", "ab\n"])(
    "agrees with slugSchema on %j",
    (candidate) => {
      expect(isValidSlug(candidate)).toBe(slugSchema.safeParse(candidate).success);
    },
  );

  it("says why a reserved slug is refused", () => {
    const result = slugSchema.safeParse("admin");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("reserved");
  });
});
