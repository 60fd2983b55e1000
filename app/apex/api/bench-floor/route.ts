export const dynamic = "force-dynamic";

/** The framework floor for `npm run bench:http`: proxy.ts and a route handler, no database, no tenant data. */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
