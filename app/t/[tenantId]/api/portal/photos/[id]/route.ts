import { getPublishedPhoto } from "@/lib/portal/get-published-photo";
import { portalRoute } from "@/lib/portal/portal-route";

/** A listing photo's bytes, on its tenant's host only; cached briefly, so unpublishing takes effect within minutes everywhere. */
export const GET = portalRoute(async ({ context, params }) => {
  const photo = await getPublishedPhoto(context, params.id ?? "");
  return new Response(photo.body, {
    headers: {
      "content-type": photo.contentType,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      ...(photo.size !== undefined ? { "content-length": String(photo.size) } : {}),
    },
  });
});
