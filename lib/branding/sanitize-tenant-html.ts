import sanitizeHtml from "sanitize-html";

/**
 * Tenant header/footer HTML, reduced to an allow-list: text structure, links and images only. No
 * scripts, styles, event handlers, frames, forms, SVG or MathML; links and images only over https
 * (plus mailto:/tel: links). Applied on save and again on render.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["a", "abbr", "b", "br", "div", "em", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "li", "nav", "ol", "p", "section", "small", "span", "strong", "u", "ul"],
  allowedAttributes: {
    a: ["href", "title", "target", "rel"],
    img: ["src", "alt", "width", "height"],
    "*": ["class", "id", "aria-label", "role"],
  },
  allowedSchemes: ["https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "iframe", "object", "embed", "svg", "math", "xmp", "noembed", "noframes", "plaintext"],
  enforceHtmlBoundary: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === "_blank" ? { ...attribs, rel: "noopener noreferrer" } : attribs,
    }),
  },
};

export const TENANT_HTML_MAX_LENGTH = 20_000;

export function sanitizeTenantHtml(html: string | null | undefined): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean === "" ? null : clean;
}
