import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "@/lib/env/env";
import { signApiToken, verifyApiToken, type ApiTokenClaims } from "./api-token";

function claims(overrides: Partial<ApiTokenClaims> = {}): ApiTokenClaims {
  const iat = Math.floor(Date.now() / 1000);
  return { sub: randomUUID(), tenant_id: randomUUID(), role: "owner", sv: 0, iat, exp: iat + 60, jti: randomUUID(), ...overrides };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("verifyApiToken's cache of verified tokens", () => {
  it("answers each token with its own claims, also when both are cached", async () => {
    const first = claims();
    const second = claims();
    const [firstToken, secondToken] = [await signApiToken(first), await signApiToken(second)];
    for (let round = 0; round < 2; round++) {
      expect(await verifyApiToken(firstToken)).toEqual(first);
      expect(await verifyApiToken(secondToken)).toEqual(second);
    }
  });

  it("refuses a cached token once it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const token = await signApiToken(claims());
    await expect(verifyApiToken(token)).resolves.toMatchObject({ role: "owner" });
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verifyApiToken(token)).rejects.toMatchObject({ code: "unauthorized", message: "Access token expired" });
  });

  it("refuses a token whose signature differs from a cached one's, with the same claims", async () => {
    const token = await signApiToken(claims());
    await verifyApiToken(token);
    const [header, payload, signature] = token.split(".");
    const forged = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`;
    await expect(verifyApiToken(forged)).rejects.toMatchObject({ code: "unauthorized", message: "Invalid access token" });
    await expect(verifyApiToken(`${header}.${payload}.`)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("refuses tokens verified under the previous AUTH_SECRET once it changes", async () => {
    const previous = process.env.AUTH_SECRET;
    const token = await signApiToken(claims());
    await verifyApiToken(token);
    try {
      process.env.AUTH_SECRET = "another-auth-secret-that-is-long-enough-9876543210";
      reloadEnv();
      await expect(verifyApiToken(token)).rejects.toMatchObject({ code: "unauthorized", message: "Invalid access token" });
    } finally {
      process.env.AUTH_SECRET = previous;
      reloadEnv();
    }
    await expect(verifyApiToken(token)).resolves.toMatchObject({ role: "owner" });
  });
});
