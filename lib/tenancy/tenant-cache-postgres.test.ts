import { beforeAll, describe, it } from "vitest";
import { useKvForProcess } from "@/lib/kv/kv";
import { expectCrossProcessInvalidationOfOneTenant } from "@/lib/testing/cross-process-invalidation";

describe("tenant cache invalidation without Redis (Postgres LISTEN on the direct connection)", () => {
  beforeAll(() => useKvForProcess(null));

  it("a tenant changed by the CLI in another process is dropped here within 2 s; another tenant's entries stay", async () => {
    await expectCrossProcessInvalidationOfOneTenant("postgres", { REDIS_URL: "" });
  });
});
