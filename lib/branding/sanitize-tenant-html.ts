import sanitizeHtml from "sanitize-html";
import { TENANT_HTML_MAX_LENGTH } from "./branding-schema";

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
    a: (tagName, attribs) => {
      const kept = withSafeUrl(attribs, "href");
      return { tagName, attribs: kept.target === "_blank" ? { ...kept, rel: "noopener noreferrer" } : kept };
    },
    img: (tagName, attribs) => ({ tagName, attribs: withSafeUrl(attribs, "src") }),
  },
};

/** Beyond the scheme allow-list: a URL must look like one (https:, mailto:, tel:, /path or #anchor), nothing odd like a backtick-quoted "javascript:". */
const SAFE_URL = /^(https:\/\/|mailto:|tel:|\/(?![/\\])|#)/i;

function withSafeUrl(attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes {
  const value = attribs[name];
  if (value === undefined || SAFE_URL.test(value.trim())) return attribs;
  const { [name]: _dropped, ...rest } = attribs;
  return rest;
}

export function sanitizeTenantHtml(html: string | null | undefined): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean === "" ? null : clean;
}
