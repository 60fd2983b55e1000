import { describe, expect, it } from "vitest";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { deleteTenant } from "@/lib/tenants/delete-tenant";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { addCustomDomain } from "./add-custom-domain";
import { GET } from "@/app/apex/api/domains/tls-check/route";
import { NextRequest } from "next/server";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { isTlsTerminator } from "./tls-check";

/** As Caddy asks: a direct call from a loopback socket (Next fills X-Forwarded-For with the peer). */
const CADDY = { [PEER_HEADER]: peerHeaderValue("127.0.0.1"), "x-forwarded-for": "127.0.0.1" };

async function ask(domain: string, headers: Record<string, string> = CADDY): Promise<{ status: number; body: string }> {
  const response = await GET(new NextRequest(`http://127.0.0.1:3000/api/domains/tls-check?domain=${encodeURIComponent(domain)}`, { headers }));
  return { status: response.status, body: await response.text() };
}

describe("GET /api/domains/tls-check", () => {
  it("allows verified custom domains and our tenants' subdomains, refuses the rest", async () => {
    const tenant = await seedTenant();
    const unverified = await seedTenant();
    await setTenantDomain(tenant.slug, "portal.verified.test", { verified: true });
    await addCustomDomain(unverified.id, "portal.unverified.test");

    expect((await ask("portal.verified.test")).status).toBe(200);
    expect((await ask("PORTAL.VERIFIED.TEST.")).status).toBe(200);
    expect((await ask(`${tenant.slug}.localhost`)).status).toBe(200);

    expect((await ask("portal.unverified.test")).status).toBe(404);
    expect((await ask("unknown.example.com")).status).toBe(404);
    expect((await ask("nobody-here.localhost")).status).toBe(404);
    expect((await ask("a.b.localhost")).status).toBe(404);
    expect((await ask("127.0.0.1")).status).toBe(404);
    expect((await ask("[::1]")).status).toBe(404);
    expect((await ask("")).status).toBe(404);
  });

  it("keeps certificates for suspended tenants (they answer 403 pages) and refuses deleted ones", async () => {
    const suspended = await seedTenant();
    await setTenantStatus(suspended.slug, "suspended");
    expect((await ask(`${suspended.slug}.localhost`)).status).toBe(200);
    const deleted = await seedTenant();
    await setTenantDomain(deleted.slug, "portal.deleted.test", { verified: true });
    await deleteTenant(deleted.slug);
    expect((await ask(`${deleted.slug}.localhost`)).status).toBe(404);
    expect((await ask("portal.deleted.test")).status).toBe(404);
  });

  it("answers only the TLS terminator: anyone else gets the refusal for an unknown name, even for a real domain", async () => {
    const tenant = await seedTenant();
    await setTenantDomain(tenant.slug, "portal.asked.test", { verified: true });
    expect(await ask("portal.asked.test")).toEqual({ status: 200, body: "ok" });
    const unknownName = await ask("nothing.example.com");
    const strangers: Array<Record<string, string>> = [
      {},
      { "x-forwarded-for": "127.0.0.1" },
      { [PEER_HEADER]: peerHeaderValue("198.51.100.3") },
      { [PEER_HEADER]: "forged 127.0.0.1" },
      // A visitor relayed by a Caddy on the same machine: loopback peer, but a forwarded client address.
      { [PEER_HEADER]: peerHeaderValue("127.0.0.1"), "x-forwarded-for": "198.51.100.3" },
      { [PEER_HEADER]: peerHeaderValue("127.0.0.1"), "x-forwarded-for": "198.51.100.3, 127.0.0.1" },
    ];
    for (const stranger of strangers) {
      expect(await ask("portal.asked.test", stranger)).toEqual(unknownName);
      expect(await ask(`${tenant.slug}.localhost`, stranger)).toEqual(unknownName);
    }
  });

  it("with TLS_CHECK_SECRET set, only the secret (query or header) counts, not the socket", () => {
    const secret = "s3cret-for-the-ask-url-0123";
    const loopback = new Headers(CADDY);
    expect(isTlsTerminator(loopback, new URLSearchParams({ domain: "x.test", secret }), secret)).toBe(true);
    expect(isTlsTerminator(new Headers({ "x-tls-check-secret": secret }), new URLSearchParams(), secret)).toBe(true);
    expect(isTlsTerminator(loopback, new URLSearchParams(), secret)).toBe(false);
    expect(isTlsTerminator(loopback, new URLSearchParams({ secret: "s3cret-for-the-ask-url-0124" }), secret)).toBe(false);
    expect(isTlsTerminator(new Headers({ "x-tls-check-secret": "short" }), new URLSearchParams(), secret)).toBe(false);
  });
});
