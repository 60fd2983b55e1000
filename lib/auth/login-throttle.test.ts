import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { sharedDb } from "@/lib/db/shared-client";
import { ACCOUNT_FAILURE_LIMIT, FAILURE_MEMORY_MS, IP_FAILURE_LIMIT, assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";

async function refusal(promise: Promise<unknown>): Promise<AppError | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );
}

describe("login throttle", () => {
  it("locks one IP after IP_FAILURE_LIMIT failures across many accounts (429), without locking those accounts elsewhere", async () => {
    const tenant = await seedTenant();
    for (let index = 0; index < IP_FAILURE_LIMIT; index++) {
      await recordLoginFailure({ tenantId: tenant.id, email: `spray-${index}@example.test`, ip: "203.0.113.99" });
    }
    const blocked = await refusal(assertLoginAllowed({ tenantId: tenant.id, email: "anyone@example.test", ip: "203.0.113.99" }));
    expect(blocked?.code).toBe("rate_limited");
    expect(await refusal(assertLoginAllowed({ tenantId: tenant.id, email: "spray-1@example.test", ip: "198.51.100.1" }))).toBeUndefined();
  });

  it("a success clears the account's count but not the IP's", async () => {
    const tenant = await seedTenant();
    const subject = { tenantId: tenant.id, email: "someone@example.test", ip: "192.0.2.55" };
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT - 1; index++) await recordLoginFailure(subject);
    await recordLoginSuccess(subject);
    await recordLoginFailure(subject);
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
  });

  it("counts per tenant: the same email on another tenant is not locked", async () => {
    const first = await seedTenant();
    const second = await seedTenant();
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT; index++) await recordLoginFailure({ tenantId: first.id, email: "shared@example.test", ip: `192.0.2.${index + 1}` });
    expect((await refusal(assertLoginAllowed({ tenantId: first.id, email: "shared@example.test", ip: "192.0.2.200" })))?.code).toBe("locked");
    expect(await refusal(assertLoginAllowed({ tenantId: second.id, email: "shared@example.test", ip: "192.0.2.200" }))).toBeUndefined();
  });

  it("forgets counts after FAILURE_MEMORY_MS: sprayed unknown emails are pruned by a later failure, locks in force are kept", async () => {
    const tenant = await seedTenant();
    const sprayed = Array.from({ length: 20 }, (_, index) => `${tenant.id}:ghost-${index}@example.test`);
    for (let index = 0; index < sprayed.length; index++) await recordLoginFailure({ tenantId: tenant.id, email: `ghost-${index}@example.test`, ip: `192.0.2.${100 + index}` });
    const locked = { tenantId: tenant.id, email: "locked@example.test", ip: "192.0.2.180" };
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT; index++) await recordLoginFailure(locked);
    // Age every row past the memory, as if a day had passed; the locked account's lock still runs.
    const longAgo = new Date(Date.now() - FAILURE_MEMORY_MS - 60_000);
    await sharedDb().loginAttempt.updateMany({ where: { key: { in: [...sprayed, `${tenant.id}:locked@example.test`] } }, data: { lastFailureAt: longAgo } });
    await sharedDb().loginAttempt.update({ where: { scope_key: { scope: "account", key: `${tenant.id}:locked@example.test` } }, data: { lockedUntil: new Date(Date.now() + 60_000) } });

    await recordLoginFailure({ tenantId: tenant.id, email: "another-ghost@example.test", ip: "192.0.2.181" });
    expect(await sharedDb().loginAttempt.count({ where: { key: { in: sprayed } } })).toBe(0);
    expect((await refusal(assertLoginAllowed(locked)))?.code).toBe("locked");
  });

  it("a failure after the memory starts counting again at 1", async () => {
    const tenant = await seedTenant();
    const subject = { tenantId: tenant.id, email: "returning@example.test", ip: "192.0.2.190" };
    for (let index = 0; index < ACCOUNT_FAILURE_LIMIT - 1; index++) await recordLoginFailure(subject);
    const key = { scope_key: { scope: "account", key: `${tenant.id}:returning@example.test` } };
    await sharedDb().loginAttempt.update({ where: key, data: { lastFailureAt: new Date(Date.now() - FAILURE_MEMORY_MS - 60_000) } });
    // Any other failure may prune the forgotten row first; either way the count restarts.
    await recordLoginFailure(subject);
    expect((await sharedDb().loginAttempt.findUniqueOrThrow({ where: key })).failures).toBe(1);
    expect(await refusal(assertLoginAllowed(subject))).toBeUndefined();
  });
});
