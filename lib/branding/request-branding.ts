import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { NONCE_HEADER } from "@/lib/security/content-security-policy";
import type { Branding } from "./branding-schema";
import { getBranding } from "./get-branding";

/** The branding of the request's tenant host (null on apex, admin and unknown hosts); once per request. */
export const brandingForRequest = cache(async (): Promise<Branding | null> => {
  const resolved = await resolveHost((await headers()).get("host"));
  return resolved.surface === "tenant" ? getBranding(resolved.tenant) : null;
});

/** The CSP nonce proxy.ts made for this request, for the few scripts we render ourselves. */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
