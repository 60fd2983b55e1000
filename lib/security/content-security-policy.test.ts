import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isStaffPath, servesOwnPolicy, tenantCodeAllowed } from "./content-security-policy";

function directive(policy: string, name: string): string {
  return policy.split("; ").find((part) => part.startsWith(`${name} `)) ?? "";
}

describe("contentSecurityPolicy", () => {
  it("allows only self and the nonce for scripts, and no frames or plugins", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("admits exactly the tenant's one custom script and stylesheet", () => {
    const policy = contentSecurityPolicy({ nonce: "n", portalScript: "https://cdn.acme.test/widget.js", customStylesheet: "https://cdn.acme.test/site.css" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-n' https://cdn.acme.test/widget.js");
    expect(directive(policy, "style-src")).toContain("https://cdn.acme.test/site.css");
  });

  it.each(["http://cdn.acme.test/w.js", "https://x.test/a.js; script-src *", "https://x.test/a.js 'unsafe-inline'", "javascript:alert(1)"])("ignores an unsafe script source %s", (url) => {
    expect(directive(contentSecurityPolicy({ nonce: "n", portalScript: url }), "script-src")).toBe("script-src 'self' 'nonce-n'");
  });

  it("knows the staff pages, where custom JS never runs", () => {
    expect(isStaffPath("/dashboard")).toBe(true);
    expect(isStaffPath("/dashboard/settings/branding")).toBe(true);
    expect(isStaffPath("/login")).toBe(true);
    expect(isStaffPath("/")).toBe(false);
    expect(isStaffPath("/properties/1")).toBe(false);
    expect(isStaffPath("/dashboards-are-not-staff")).toBe(false);
  });

  it("admits tenant code only on portal pages of the custom domain, never on {slug}.<root>", () => {
    for (const path of ["/", "/properties/1", "/my-enquiries", "/sign-up"]) {
      expect(tenantCodeAllowed("custom-domain", path)).toBe(true);
      expect(tenantCodeAllowed("workspace", path)).toBe(false);
    }
    for (const path of ["/dashboard", "/login", "/auth/handoff", "/api/portal/enquiries", "/reset-password"]) expect(tenantCodeAllowed("custom-domain", path)).toBe(false);
  });

  it("knows the responses that keep their own locked-down policy", () => {
    expect(servesOwnPolicy("/assets/logo.png")).toBe(true);
    expect(servesOwnPolicy("/api/portal/photos/3f1c")).toBe(true);
    expect(servesOwnPolicy("/api/portal/properties")).toBe(false);
    expect(servesOwnPolicy("/assets")).toBe(false);
    expect(servesOwnPolicy("/")).toBe(false);
  });
});
