import http from "node:http";
import { expect, test } from "@playwright/test";
import { e2eServer, SOYLENT, UMBRELLA } from "./fixture";
import { getWithHost } from "./host-request";

const { port } = e2eServer();

/** A request to the real server (next start, through proxy.ts) from 127.0.0.1, with any headers a client likes. */
function send(host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const request = http.request(
      { host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: { ...init.headers, host, ...(body ? { "content-type": "application/json" } : {}) } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : null }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

test("the audit log records the socket address, not a client's X-Forwarded-For or forged peer header", async () => {
  const host = `${UMBRELLA.slug}.localhost:${port}`;
  const forged = { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.67", "x-asset-anchor-peer": "guess 198.51.100.68" };
  const failed = await send(host, "/api/auth/token", { method: "POST", headers: forged, body: { email: "client-ip-probe@umbrella.test", password: "wrong" } });
  expect(failed.status).toBe(401);
  const issued = await send(host, "/api/auth/token", { method: "POST", headers: forged, body: UMBRELLA.owner });
  expect(issued.status).toBe(200);
  const token = (issued.json as { accessToken: string }).accessToken;
  const audit = await send(host, "/api/v1/audit?action=auth.&limit=100", { headers: { authorization: `Bearer ${token}` } });
  expect(audit.status).toBe(200);
  const events = (audit.json as { data: Array<{ action: string; target: string | null; ip: string | null }> }).data;
  const probe = events.find((event) => event.action === "auth.sign_in_failed" && event.target === "client-ip-probe@umbrella.test");
  expect(probe?.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  expect(JSON.stringify(events)).not.toContain("198.51.100.6");
});

test("rotating X-Forwarded-For does not escape the enquiry limit of one IP", async () => {
  const host = `${SOYLENT.slug}.localhost:${port}`;
  const listing = JSON.parse((await getWithHost(host, "/api/portal/properties")).body) as { data: Array<{ id: string }> };
  const propertyId = listing.data[0]!.id;
  const enquiry = { propertyId, name: "Rotating Visitor", email: "rotator@example.test", message: "Is it still available?" };
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    statuses.push((await send(host, "/api/portal/enquiries", { method: "POST", headers: { "x-forwarded-for": `203.0.113.${attempt + 1}` }, body: enquiry })).status);
  }
  expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
});
