import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureBucket, getObjectText, putObject } from "./s3";

describe("S3 storage (s3rver or S3_ENDPOINT)", () => {
  it("creates the bucket when missing and round-trips an object with metadata", async () => {
    await ensureBucket();
    await ensureBucket();
    const key = `tenant_${randomUUID().replaceAll("-", "")}/smoke/${randomUUID()}.txt`;
    await putObject(key, "hello from the foundation", "text/plain", { tenant_id: "t-1" });
    await expect(getObjectText(key)).resolves.toEqual({ body: "hello from the foundation", metadata: { tenant_id: "t-1" } });
  });
});
