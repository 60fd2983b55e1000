import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "./xss-payloads";
import { sanitizeTenantHtml } from "./sanitize-tenant-html";

describe("sanitizeTenantHtml", () => {
  it("keeps harmless structure, https links and images", () => {
    const html = '<nav class="top"><a href="https://acme.test/about" target="_blank">About</a> <strong>Call</strong> <a href="tel:+441234">us</a></nav><img src="https://cdn.acme.test/logo.png" alt="Acme">';
    expect(sanitizeTenantHtml(html)).toBe(
      '<nav class="top"><a href="https://acme.test/about" target="_blank" rel="noopener noreferrer">About</a> <strong>Call</strong> <a href="tel:+441234">us</a></nav><img src="https://cdn.acme.test/logo.png" alt="Acme" />',
    );
  });

  it("returns null for nothing left", () => {
    expect(sanitizeTenantHtml("<script>alert(1)</script>")).toBeNull();
    expect(sanitizeTenantHtml("")).toBeNull();
  });

  it.each(XSS_PAYLOADS.map((payload, index) => [index, payload]))("neutralises payload %i", (_index, payload) => {
    const clean = sanitizeTenantHtml(payload) ?? "";
    expect(clean).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|button|frame|frameset|applet|video|audio|source|details|marquee|body|html|textarea|select|isindex|template)\b/i);
    expect(clean).not.toMatch(/\son[a-z]+\s*=/i);
    expect(clean).not.toMatch(/(href|src|action|formaction|xlink:href|data)\s*=\s*["']?\s*(javascript|vbscript|data|livescript):/i);
    expect(clean).not.toMatch(/style\s*=/i);
    expect(clean).not.toMatch(/srcdoc/i);
    expect(clean).not.toMatch(/javascript:|vbscript:|data:/i);
  });
});
