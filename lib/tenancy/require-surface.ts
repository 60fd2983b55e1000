import "server-only";
import { notFound } from "next/navigation";
import type { RequestContext } from "./context";
import { getRequestContext } from "./request-context";

/** For apex and admin pages: 404 unless the request's Host resolves to that surface. */
export async function requireSurface(surface: "apex" | "admin"): Promise<RequestContext> {
  const context = await getRequestContext();
  if (context.surface !== surface) notFound();
  return context;
}
