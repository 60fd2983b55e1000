import { describe, expect, it } from "vitest";
import { authCookies, callbackCookieName, cookieValues, csrfCookieName, readSingleCookie, sessionCookieName, sessionSetCookie } from "./session-cookie";

describe("auth cookie names per protocol", () => {
  it("are __Host- prefixed over https and unprefixed over http", () => {
    expect(sessionCookieName("https")).toBe("__Host-next-auth.session-token");
    expect(csrfCookieName("https")).toBe("__Host-next-auth.csrf-token");
    expect(callbackCookieName("https")).toBe("__Host-next-auth.callback-url");
    expect(sessionCookieName("http")).toBe("next-auth.session-token");
    expect(csrfCookieName("http")).toBe("next-auth.csrf-token");
    expect(callbackCookieName("http")).toBe("next-auth.callback-url");
  });

  it("give next-auth __Host- cookies that are Secure, Path=/ and have no Domain over https, host-only over http", () => {
    for (const protocol of ["https", "http"] as const) {
      const cookies = authCookies(protocol);
      for (const cookie of [cookies.sessionToken!, cookies.csrfToken!, cookies.callbackUrl!]) {
        expect(cookie.name.startsWith("__Host-")).toBe(protocol === "https");
        expect(cookie.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: protocol === "https" });
        expect(cookie.options).not.toHaveProperty("domain");
      }
    }
  });

  it("write the hand-off's session cookie with the same attributes", () => {
    expect(sessionSetCookie("v", "https")).toMatch(/^__Host-next-auth\.session-token=v; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(sessionSetCookie("v", "http")).toMatch(/^next-auth\.session-token=v; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(sessionSetCookie("v", "http")).not.toMatch(/Domain|Secure/i);
  });
});

describe("readSingleCookie", () => {
  it("reads a cookie sent once, exactly by name", () => {
    expect(readSingleCookie("a=1; next-auth.session-token=abc%3D; b=2", "next-auth.session-token")).toBe("abc=");
    expect(readSingleCookie("xnext-auth.session-token=1; next-auth.session-token.0=2", "next-auth.session-token")).toBeUndefined();
    expect(readSingleCookie(null, "a")).toBeUndefined();
    expect(readSingleCookie("a=%E0%A4%A", "a")).toBe("%E0%A4%A");
  });

  it("refuses a name sent twice with 401 instead of picking one", () => {
    expect(cookieValues("s=first; t=0; s=second", "s")).toEqual(["first", "second"]);
    expect(() => readSingleCookie("s=first; s=second", "s")).toThrow(expect.objectContaining({ code: "unauthorized", message: "Several session cookies were sent; sign in again" }));
    expect(() => readSingleCookie(" s=same ;s=same", "s")).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });
});
