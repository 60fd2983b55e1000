const SAME_ORIGIN = "http://same-origin.invalid";

/**
 * Only same-site relative paths ("/dashboard?x"), never "//evil.example" or "https://…": no open redirect.
 * Judged the way a browser will resolve it: tabs and newlines are dropped and "\" reads as "/", so
 * "/\t/evil.example" and "/\\evil.example" are both "//evil.example".
 */
export function safeRedirectPath(candidate: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(candidate) ? candidate[0] : candidate;
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== SAME_ORIGIN || resolved.pathname.startsWith("//") || /^\/[/\\]/.test(value)) return fallback;
  return value;
}
