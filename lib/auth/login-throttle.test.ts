import { afterAll, describe, expect, it } from "vitest";
import { startRedisServer } from "@/lib/dev/embedded-redis";
import { AppError } from "@/lib/errors/app-error";
import { createKv, kv, useKvForProcess } from "@/lib/kv/kv";
import { lockoutCounters, lockoutKeys } from "@/lib/rate-limit/failure-lockout";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { ACCOUNT_FAILURE_LIMIT, FAILURE_MEMORY_MS, IP_FAILURE_LIMIT, assertLoginAllowed, loginAccountKey, recordLoginFailure, recordLoginSuccess } from "./login-throttle";

// On this machine's real Redis, through lib/kv (the test database's KV_NAMESPACE keeps keys apart).

async function refusal(promise: Promise<unknown>): Promise<AppError | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );
}

describe("login throttle", () => {
  it("locks one IP after IP_FAILURE_LIMIT failures across many accounts (429), without locking those accounts elsewhere", async () => {
    const tenant = await seedTenant();
    for (let index = 0; index < IP_FAILURE_LIMIT - 1; index++) {
      await recordLoginFailure({ tenantId: tenant.id, email: `spray-${index}@example.test`, ip: "203.0.113.99" });
    }
    expect(await refusal(assertLoginAllowed({ tenantId: tenant.id, email: "anyone@example.test", ip: "203.0.113.99" }))).toBeUndefined();
    const last = await recordLoginFailure({ tenantId: tenant.id, email: "spray-last@example.test", ip: "203.0.113.99" });
    expect(last).toMatchObject({ ipFailures: IP_FAILURE_LIMIT, accountLockedUntil: null });
    expect(last.ipLockedUntil!.getTime() - Date.now()).toBeGreaterThan(55_000);
    const blocked = await refusal(assertLoginAllowed({ tenantId: tenant.id, email: "anyone@example.test", ip: "203.0.113.99" }));
    expect(blocked?.code).toBe("rate_limited");
    expect(await refusal(assertLoginAllowed({ tenantId: tenant.id, email: "spray-1@example.test", ip: "198.51.100.1" }))).toBeUndefined();
  });

  it("locks an account at the 5th failure for 1 min, doubling with every further failure up to 1 h", async () => {
    const tenant = await seedTenant();
    const client = (await kv())!;
    const subject = { tenantId: tenant.id, email: "victim@example.test", ip: "192.0.2.44" };
    const keys = lockoutKeys(client, "loginAccount", loginAccountKey(tenant.id, subject.email));
    const locks: Array<number | null> = [];
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT + 8; index++) {
      const before = Date.now();
      const outcome = await recordLoginFailure(subject);
      expect(outcome.accountFailures).toBe(index + 1);
      locks.push(outcome.accountLockedUntil ? Math.round((outcome.accountLockedUntil.getTime() - before) / 1000) : null);
    }
    expect(locks.slice(0, ACCOUNT_FAILURE_LIMIT - 1)).toEqual([null, null, null, null]);
    expect(locks.slice(ACCOUNT_FAILURE_LIMIT - 1)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect((await refusal(assertLoginAllowed(subject)))?.code).toBe("locked");
    const lockTtl = await client.redis.pttl(keys.lock);
    expect(lockTtl).toBeGreaterThan(3_590_000);
    expect(lockTtl).toBeLessThanOrEqual(3_600_000);
  });

  it("a success clears the account's count but not the IP's", async () => {
    const tenant = await seedTenant();
    const subject = { tenantId: tenant.id, email: "someone@example.test", ip: "192.0.2.55" };
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT - 1; index++) await recordLoginFailure(subject);
    await recordLoginSuccess(subject);
    const after = await recordLoginFailure(subject);
    expect(after).toMatchObject({ accountFailures: 1, ipFailures: ACCOUNT_FAILURE_LIMIT, accountLockedUntil: null });
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
  });

  it("counts per tenant: the same email on another tenant is not locked", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT; index++) await recordLoginFailure({ tenantId: first.id, email: "shared@example.test", ip: `192.0.2.${index + 1}` });
    expect((await refusal(assertLoginAllowed({ tenantId: first.id, email: "shared@example.test", ip: "192.0.2.200" })))?.code).toBe("locked");
    expect(await refusal(assertLoginAllowed({ tenantId: second.id, email: "shared@example.test", ip: "192.0.2.200" }))).toBeUndefined();
  });

  it("forgets counts FAILURE_MEMORY_MS after the last failure (keys expire), so sprayed emails do not pile up; a count that expired restarts at 1", async () => {
    const tenant = await seedTenant();
    const client = (await kv())!;
    const subject = { tenantId: tenant.id, email: "ghost@example.test", ip: "192.0.2.190" };
    const keys = lockoutKeys(client, "loginAccount", loginAccountKey(tenant.id, subject.email));
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT - 1; index++) await recordLoginFailure(subject);
    const ttl = await client.redis.pttl(keys.failures);
    expect(ttl).toBeGreaterThan(FAILURE_MEMORY_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(FAILURE_MEMORY_MS);
    expect(await client.redis.exists(keys.lock)).toBe(0);
    // The memory passing is the key expiring; expire it now instead of waiting a day.
    await client.redis.pexpire(keys.failures, 1);
    await expect.poll(() => client.redis.exists(keys.failures)).toBe(0);
    expect((await recordLoginFailure(subject)).accountFailures).toBe(1);
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
  });
});

describe("login throttle when Redis is down or absent", () => {
  const machineKv = kv();
  afterAll(async () => useKvForProcess(await machineKv));

  it("Redis killed → sign-ins are checked and counted nowhere (fail open, counted), never blocked for long", async () => {
    const server = await startRedisServer({ stopSignal: "SIGKILL" });
    const client = await createKv({ kind: "redis", redisUrl: server.url }, { timeoutMs: 250, namespace: "lockout-degraded" });
    try {
      useKvForProcess(client);
      const subject = { tenantId: null, email: "admin@example.test", ip: "192.0.2.77" };
      expect((await recordLoginFailure(subject)).accountFailures).toBe(1);
      await server.stop();
      const failedOpen = lockoutCounters().failedOpen;
      const started = performance.now();
      for (let index = 0; index < ACCOUNT_FAILURE_LIMIT; index++) expect(await recordLoginFailure(subject)).toMatchObject({ accountFailures: 0, accountLockedUntil: null });
      expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
      expect(lockoutCounters().failedOpen).toBe(failedOpen + 2 * ACCOUNT_FAILURE_LIMIT + 1);
      expect(performance.now() - started).toBeLessThan(2 * ACCOUNT_FAILURE_LIMIT * 250 + 1_000);
    } finally {
      useKvForProcess(await machineKv);
      await client.close();
      await server.stop();
    }
  });

  it("no Redis configured → the same lockout in this process", async () => {
    useKvForProcess(null);
    const subject = { tenantId: null, email: "solo@example.test", ip: "192.0.2.78" };
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT - 1; index++) await recordLoginFailure(subject);
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
    expect((await recordLoginFailure(subject)).accountLockedUntil).not.toBeNull();
    expect((await refusal(assertLoginAllowed(subject)))?.code).toBe("locked");
    await recordLoginSuccess(subject);
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
  });
});
