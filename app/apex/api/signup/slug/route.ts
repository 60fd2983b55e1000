import { apexRoute } from "@/lib/http/apex-request";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { checkSlugAvailability } from "@/lib/signup/check-slug-availability";
import { slugAvailabilityQuerySchema } from "@/lib/signup/signup-schema";
import { requireSignUpEnabled } from "@/lib/signup/sign-up-workspace";

/** The sign-up form's live check: `{ slug, available, reason?, message? }`. */
export const GET = apexRoute(
  async ({ query, facts }) => {
    requireSignUpEnabled();
    await enforceRateLimit("slugAvailability", facts.ip, "Too many slug checks.");
    return Response.json(await checkSlugAvailability(query.slug), { headers: { "cache-control": "no-store" } });
  },
  { query: slugAvailabilityQuerySchema },
);
