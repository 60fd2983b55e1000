import { env } from "@/lib/env/env";

export function tenantBaseUrl(slug: string): string {
  const { APP_PROTOCOL, APP_ROOT_DOMAIN } = env();
  return `${APP_PROTOCOL}://${slug}.${APP_ROOT_DOMAIN}`;
}

export function adminBaseUrl(): string {
  const { APP_PROTOCOL, APP_ROOT_DOMAIN } = env();
  return `${APP_PROTOCOL}://admin.${APP_ROOT_DOMAIN}`;
}

export function apexUrl(): string {
  const { APP_PROTOCOL, APP_ROOT_DOMAIN } = env();
  return `${APP_PROTOCOL}://${APP_ROOT_DOMAIN}`;
}
