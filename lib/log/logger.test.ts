import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runAsTenant, runWithContext, type TenantRef } from "@/lib/tenancy/context";
import { createLogger } from "./logger";

function captureLines() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger(stream, "info") };
}

const tenant: TenantRef = {
  id: "7b0c1f7e-1d2a-4c55-9d55-3f7a7e0d2a10",
  slug: "acme",
  name: "Acme",
  status: "active",
  planId: "standard",
  customDomain: null,
  customDomainVerified: false,
  maintenance: null,
};

describe("logger", () => {
  it("stamps tenant id and request id on lines written while serving a tenant", () => {
    const { lines, logger } = captureLines();
    runAsTenant(tenant, "req-42", () => logger.info({ password: "secret" }, "inside"));
    expect(lines[0]).toMatchObject({ msg: "inside", tenantId: tenant.id, requestId: "req-42", password: "[redacted]" });
  });

  it("says unknown outside a tenant, and on apex requests", () => {
    const { lines, logger } = captureLines();
    logger.info("outside");
    runWithContext({ requestId: "req-apex", surface: "apex", host: "localhost:3000", tenant: null }, () => logger.info("apex"));
    expect(lines[0]).toMatchObject({ tenantId: "unknown", requestId: "unknown" });
    expect(lines[1]).toMatchObject({ tenantId: "unknown", requestId: "req-apex" });
  });
});
