import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { assertTenantKey, tenantObjectKey, tenantPrefix } from "./tenant-object-key";

const tenantA = "11111111-2222-4333-8444-555555555555";
const tenantB = "99999999-8888-4777-8666-555555555555";

describe("tenant object keys", () => {
  it("builds keys under the tenant's prefix", () => {
    expect(tenantPrefix(tenantA)).toBe("tenant_11111111222243338444555555555555/");
    expect(tenantObjectKey(tenantA, "branding", "logo-1.png")).toBe("tenant_11111111222243338444555555555555/branding/logo-1.png");
  });

  it.each([["../x"], [".."], ["a/b"], ["/etc/passwd"], [".hidden"], [""], ["a\\b"], ["%2e%2e"], ["x".repeat(200)]])("refuses segment %s", (segment) => {
    expect(() => tenantObjectKey(tenantA, "branding", segment)).toThrow(AppError);
  });

  it.each([
    `${tenantPrefix(tenantB)}branding/logo.png`,
    `${tenantPrefix(tenantA)}../${tenantPrefix(tenantB)}logo.png`,
    `${tenantPrefix(tenantA)}branding/../../x`,
    `/${tenantPrefix(tenantA)}branding/logo.png`,
    `${tenantPrefix(tenantA)}/branding/logo.png`,
    "branding/logo.png",
    `tenant_11111111222243338444555555555555branding/logo.png`,
    "",
  ])("refuses key %s for tenant A", (key) => {
    expect(() => assertTenantKey(tenantA, key)).toThrow(/outside this workspace/);
  });

  it("accepts the tenant's own keys", () => {
    const key = tenantObjectKey(tenantA, "branding", "logo.png");
    expect(assertTenantKey(tenantA, key)).toBe(key);
  });
});
