import { z } from "zod";

/** Subdomains the platform keeps for itself; no tenant may take them. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "www", "admin", "api", "app", "mail", "static", "assets", "cdn", "auth", "login", "logout",
  "signup", "status", "docs", "help", "support", "billing", "dashboard", "portal", "smtp",
  "imap", "pop", "ftp", "ns1", "ns2", "dev", "staging", "test", "internal", "root", "system",
]);

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;

export const slugSchema = z
  .string()
  .trim()
  .min(3, "Slug must be at least 3 characters")
  .max(63, "Slug must be at most 63 characters")
  .regex(SLUG_PATTERN, "Slug may contain only lowercase letters, digits and hyphens, and cannot start or end with a hyphen")
  .refine((slug) => !slug.includes("--"), "Slug cannot contain two hyphens in a row")
  .refine((slug) => !RESERVED_SLUGS.has(slug), { error: (issue) => `"${String(issue.input)}" is reserved for the platform` });

/** slugSchema's verdict without its messages: every request's Host is checked (parse-host), and zod's parse cost more than the rest of it. */
export function isValidSlug(candidate: string): boolean {
  const slug = candidate.trim();
  return SLUG_PATTERN.test(slug) && !slug.includes("--") && !RESERVED_SLUGS.has(slug);
}
