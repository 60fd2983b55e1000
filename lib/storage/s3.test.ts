import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ANONYMOUS_READ_PROBE_KEY, checkAnonymousReadsRefused, ensureBucket, getObjectText, isEmbeddedS3rver, productionStorageCheck, putObject } from "./s3";

describe("S3 storage (s3rver or S3_ENDPOINT)", () => {
  it("creates the bucket when missing and round-trips an object with metadata", async () => {
    await ensureBucket();
    await ensureBucket();
    const key = `tenant_${randomUUID().replaceAll("-", "")}/smoke/${randomUUID()}.txt`;
    await putObject(key, "hello from the foundation", "text/plain", { tenant_id: "t-1" });
    await expect(getObjectText(key)).resolves.toEqual({ body: "hello from the foundation", metadata: { tenant_id: "t-1" } });
  });
});

describe("anonymous-read check", () => {
  it("finds that s3rver serves the probe object without credentials (200), which production refuses", async () => {
    await ensureBucket();
    const check = await checkAnonymousReadsRefused();
    expect(check).toMatchObject({ refused: false, status: 200 });
    expect(check.url).toBe(`${process.env.S3_ENDPOINT}/${process.env.S3_BUCKET}/platform/anonymous-read-probe.txt`);
    expect(check.message).toMatch(/does not refuse anonymous reads.*answered 200, expected 403/);
    await expect(getObjectText(ANONYMOUS_READ_PROBE_KEY)).resolves.toMatchObject({ body: expect.stringMatching(/must not be readable/) });
  });

  it("runs in production only, and not against the embedded s3rver", async () => {
    expect(isEmbeddedS3rver()).toBe(true);
    expect((await productionStorageCheck("test")).outcome).toBe("skipped");
    expect(await productionStorageCheck("production")).toMatchObject({ outcome: "skipped", message: expect.stringMatching(/s3rver/) });
  });
});
