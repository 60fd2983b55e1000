/**
 * The client's address as seen by the nearest proxy we run (Next's server or the TLS proxy in front
 * appends it last to X-Forwarded-For); entries further left are whatever the client claimed.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
