import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IP_FAILURE_LIMIT } from "@/lib/auth/login-throttle";
import { sharedDb } from "@/lib/db/shared-client";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { POST as issueToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { POST as enquire } from "@/app/t/[tenantId]/api/portal/enquiries/route";
import { POST as signUp } from "@/app/t/[tenantId]/api/portal/customers/route";
import { requestFacts } from "./tenant-request";
import { clientIp, installPeerStamp, parseTrustedProxies, PEER_HEADER, peerAddress, peerHeaderValue, resolveClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

  it("trusts no X-Forwarded-For entry when the peer is not a trusted proxy", () => {
    expect(resolveClientIp({ peer: "203.0.113.5", forwardedFor: "198.51.100.1, 192.0.2.1", trusted })).toBe("203.0.113.5");
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: "198.51.100.1", trusted: parseTrustedProxies(undefined) })).toBe("127.0.0.1");
  });

  it("walks left only through trusted proxies; the client's own claims stay unused", () => {
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.5", trusted })).toBe("203.0.113.5");
    expect(resolveClientIp({ peer: "::ffff:127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.5, 10.1.2.3", trusted })).toBe("203.0.113.5");
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: "junk, 10.1.2.3", trusted })).toBe("10.1.2.3");
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: null, trusted })).toBe("127.0.0.1");
    expect(resolveClientIp({ peer: "fd00::1", forwardedFor: "2001:db8::7", trusted })).toBe("2001:db8::7");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an IP or CIDR", () => {
    for (const bad of ["proxy.example", "10.0.0.0/33", "10.0.0.1/8/1", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
    }
  });

  it("ignores a peer header this process did not sign", () => {
    expect(peerAddress(new Headers({ [PEER_HEADER]: "forged 10.0.0.1" }))).toBeNull();
    expect(clientIp(new Headers({ [PEER_HEADER]: "forged 10.0.0.1", "x-forwarded-for": "198.51.100.9" }))).toBe("unknown");
    expect(clientIp(new Headers({ [PEER_HEADER]: peerHeaderValue("192.0.2.44") }))).toBe("192.0.2.44");
  });
});

/** A real HTTP server on 127.0.0.1 with the boot-time peer stamp, serving the app's route handlers. */
function serve(handlers: Record<string, (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>>): Promise<Server> {
  installPeerStamp();
  const server = createServer(async (incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const url = incoming.url ?? "/";
    const handler = url === "/echo-ip" ? async () => Response.json({ ip: clientIp(headers) }) : handlers[url];
    if (!handler) return void outgoing.writeHead(404).end();
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(`http://${headers.get("host")}${url}`, { method: incoming.method, headers, body }), { params: Promise.resolve({}) }).catch(
      (error: unknown) => Response.json({ error: String(error) }, { status: 500 }),
    );
    outgoing.writeHead(response.status, { "content-type": "application/json" }).end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("client IP on a real socket", () => {
  let server: Server;
  let tenant: SeededTenant;
  let agent: SeededUser;
  let published: string;
  /** node:http, because fetch may not set Host. */
  const send = (path: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; json: () => Promise<unknown> }>((resolve, reject) => {
      const call = httpRequest({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: async () => JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown }));
      });
      call.on("error", reject);
      call.end(body);
    });
  const post = (path: string, body: unknown, forwardedFor: string) =>
    send(path, "POST", { host: `${tenant.slug}.localhost:3000`, "content-type": "application/json", "x-forwarded-for": forwardedFor }, JSON.stringify(body));

  beforeAll(async () => {
    tenant = await seedTenant();
    agent = await seedUser(tenant.id, "agent");
    published = (await seedProperty(tenant.ref, { name: "Rotating IPs", published: true })).id;
    server = await serve({ "/api/auth/token": issueToken, "/api/portal/enquiries": enquire, "/api/portal/customers": signUp });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is the socket address whatever X-Forwarded-For or peer header the client sends", async () => {
    const response = await send("/echo-ip", "GET", { host: "localhost", "x-forwarded-for": "6.6.6.6", [PEER_HEADER]: "guess 6.6.6.6" });
    expect(await response.json()).toEqual({ ip: "127.0.0.1" });
  });

  it("the audit log records the socket address, not a forged X-Forwarded-For", async () => {
    const response = await post("/api/auth/token", { email: agent.email, password: agent.password }, "198.51.100.77");
    expect(response.status).toBe(200);
    const audit = await sharedDb().auditLog.findFirst({ where: { tenantId: tenant.id, action: "auth.token_issued", actorUserId: agent.id } });
    expect(audit?.ip).toBe("127.0.0.1");
  });

  it("rotating X-Forwarded-For does not escape the enquiry limit (5 per IP)", async () => {
    const enquiry = { propertyId: published, name: "Rotator", email: "rotator@example.test", message: "Hello" };
    for (let attempt = 0; attempt < 5; attempt++) expect((await post("/api/portal/enquiries", enquiry, `192.0.2.${attempt + 1}`)).status).toBe(202);
    const refused = await post("/api/portal/enquiries", enquiry, "192.0.2.99");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
  });

  it("rotating X-Forwarded-For does not escape the per-IP sign-in lockout", async () => {
    for (let attempt = 0; attempt < IP_FAILURE_LIMIT; attempt++) {
      expect((await post("/api/auth/token", { email: `spray-${attempt}@example.test`, password: "wrong" }, `198.51.100.${attempt + 1}`)).status).toBe(401);
    }
    const refused = await post("/api/auth/token", { email: agent.email, password: agent.password }, "203.0.113.250");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
  });

  it("rotating X-Forwarded-For does not escape the sign-up limit (5 per IP per hour)", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await post("/api/portal/customers", { name: "Rotator", email: `rotator-${attempt}@example.test` }, `192.0.2.${attempt + 1}`)).status).toBe(202);
    }
    const refused = await post("/api/portal/customers", { name: "Rotator", email: "rotator-5@example.test" }, "192.0.2.99");
    expect(refused.status).toBe(429);
    expect(await sharedDb().user.count({ where: { tenantId: tenant.id, email: "rotator-5@example.test" } })).toBe(0);
  });
});

describe("requestFacts' ip", () => {
  it("is the stamped peer's client IP when read, also in a copy of the facts", () => {
    const headers = new Headers({ [PEER_HEADER]: peerHeaderValue("::ffff:203.0.113.7"), "x-forwarded-for": "198.51.100.1" });
    const facts = requestFacts(headers, "get", "/api/v1/properties");
    expect(facts.ip).toBe("203.0.113.7");
    expect({ ...facts }.ip).toBe(clientIp(headers));
    expect(requestFacts(new Headers({ [PEER_HEADER]: "forged 198.51.100.1" }), "GET", "/").ip).toBe("unknown");
  });
});
