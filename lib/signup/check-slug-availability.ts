import { platformPool } from "@/lib/db/pools";
import { RESERVED_SLUGS, slugSchema } from "@/lib/tenancy/slug";

export type SlugAvailability = { slug: string; available: true } | { slug: string; available: false; reason: "invalid" | "reserved" | "taken"; message: string };

/** What the sign-up form says while someone types a slug. The same rules as the sign-up itself. */
export async function checkSlugAvailability(slug: string): Promise<SlugAvailability> {
  if (RESERVED_SLUGS.has(slug)) return { slug, available: false, reason: "reserved", message: `"${slug}" is reserved for the platform` };
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return { slug, available: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "Invalid slug" };
  const { rowCount } = await platformPool().query("SELECT 1 FROM public.tenants WHERE slug = $1", [slug]);
  if (rowCount) return { slug, available: false, reason: "taken", message: `"${slug}" is already taken` };
  return { slug, available: true };
}
