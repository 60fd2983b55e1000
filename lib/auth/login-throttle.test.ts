import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";

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
});
