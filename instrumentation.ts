/** Fails the server's boot on invalid configuration instead of on the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env/env");
  env();
}
