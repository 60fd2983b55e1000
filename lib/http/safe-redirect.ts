/** Only same-site relative paths ("/dashboard?x"), never "//evil.example" or "https://…": no open redirect. */
export function safeRedirectPath(candidate: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(candidate) ? candidate[0] : candidate;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\r\n]/.test(value)) return fallback;
  return value;
}
