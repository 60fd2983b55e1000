import { kv, KvUnavailableError } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { invalidateTenantProfile, PROFILE_CHANNEL } from "./tenant-profile";

/**
 * After a committed change to a tenant's plan or overrides: this process drops it at once, every
 * other process when the message arrives (Redis pub/sub, for that tenant only). `routing: true`
 * also announces a change of the tenant row (its plan_id is part of host resolution's TenantRef),
 * which is what reaches processes that have no Redis.
 */
export async function publishTenantProfileChange(tenantId: string, options: { routing: boolean }): Promise<void> {
  invalidateTenantProfile(tenantId);
  const client = await kv().catch(() => null);
  if (client) {
    try {
      await client.redis.publish(client.key(PROFILE_CHANNEL), tenantId);
    } catch (error) {
      if (!(error instanceof KvUnavailableError)) throw error;
      logger.warn({ err: error, tenantId }, "tenant profile change not published to Redis; other processes catch up within TENANT_PROFILE_TTL_MS");
    }
  }
  if (options.routing || !client) await publishTenantChange(tenantId);
}
