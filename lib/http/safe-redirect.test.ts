import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=1", "/dashboard?tab=1"],
    ["/dashboard/transactions#top", "/dashboard/transactions#top"],
    [["/dashboard", "//evil.example"], "/dashboard"],
    [undefined, "/fallback"],
    ["", "/fallback"],
    ["dashboard", "/fallback"],
    ["//evil.example", "/fallback"],
    ["/\\evil.example", "/fallback"],
    ["/\t/evil.example", "/fallback"],
    ["/\n/evil.example", "/fallback"],
    ["/.//evil.example", "/fallback"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["https://evil.example", "/fallback"],
    ["javascript:alert(1)", "/fallback"],
    ["/ok\r\nSet-Cookie: x", "/fallback"],
  ])("%j → %s", (candidate, expected) => {
    expect(safeRedirectPath(candidate, "/fallback")).toBe(expected);
  });

  it("never returns anything a browser resolves to another origin", () => {
    const tricky = ["/\t/evil.example", "/.//evil.example", "/\\/evil.example", "/ /evil.example", "/..//evil.example", "/%09/evil.example"];
    for (const candidate of tricky) {
      expect(new URL(safeRedirectPath(candidate, "/fallback"), "http://acme.localhost").origin).toBe("http://acme.localhost");
    }
  });
});
