import { z } from "zod";
import { slugSchema } from "@/lib/tenancy/slug";

export const tenantNameSchema = z.string().trim().min(2, "Name must be at least 2 characters").max(100, "Name must be at most 100 characters");

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254));

export const passwordSchema = z
  .string()
  .min(12, "Password must be at least 12 characters")
  .max(200, "Password must be at most 200 characters");

export const createTenantSchema = z.object({
  name: tenantNameSchema,
  slug: slugSchema,
  adminEmail: emailSchema,
  adminPassword: passwordSchema.optional(),
  plan: z.string().trim().min(1).default("standard"),
});
export type CreateTenantInput = z.input<typeof createTenantSchema>;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A custom domain: a real hostname in ASCII (punycode), not an IP; the caller checks the root domain. */
export const customDomainSchema = z
  .string()
  .trim()
  .transform((value) => {
    const withoutDot = value.replace(/\.$/, "");
    try {
      return new URL(`http://${withoutDot}`).hostname;
    } catch {
      return withoutDot.toLowerCase();
    }
  })
  .refine((domain) => !IPV4.test(domain) && !domain.startsWith("["), "An IP address is not a domain")
  .refine((domain) => HOSTNAME.test(domain), "Enter a domain name such as homes.example.com");
