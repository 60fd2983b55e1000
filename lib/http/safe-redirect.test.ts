import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=1", "/dashboard?tab=1"],
    [undefined, "/fallback"],
    ["", "/fallback"],
    ["//evil.example", "/fallback"],
    ["/\\evil.example", "/fallback"],
    ["https://evil.example", "/fallback"],
    ["javascript:alert(1)", "/fallback"],
    ["/ok\r\nSet-Cookie: x", "/fallback"],
  ])("%s → %s", (candidate, expected) => {
    expect(safeRedirectPath(candidate, "/fallback")).toBe(expected);
  });
});
