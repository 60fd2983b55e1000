import { beforeAll, describe, expect, it } from "vitest";
import { GET as previewMail } from "@/app/t/[tenantId]/api/v1/mail-previews/[template]/route";
import { issueApiToken } from "@/lib/auth/api-token";
import type { SeededUser } from "@/lib/testing/seed-user";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { MAIL_PREVIEW_NAMES } from "./mail-previews";

let harbour: SeededTenant;
let other: SeededTenant;
let owner: SeededUser;
let viewer: SeededUser;
let otherOwner: SeededUser;

const tokenFor = async (user: SeededUser) => (await issueApiToken({ id: user.id, tenantId: user.tenantId, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;

/** The route as Next calls it after proxy.ts; its body is HTML or text, not JSON. */
async function preview(tenant: SeededTenant, user: SeededUser, template: string, format = "html") {
  const request = new Request(`http://${tenant.slug}.localhost:3000/api/v1/mail-previews/${template}?format=${format}`, {
    headers: { host: `${tenant.slug}.localhost:3000`, authorization: `Bearer ${await tokenFor(user)}`, [PEER_HEADER]: peerHeaderValue("203.0.113.7") },
  });
  const response = await previewMail(request, { params: Promise.resolve({ tenantId: tenant.id, template }) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

beforeAll(async () => {
  harbour = await seedTenant({ name: "Harbour Homes" });
  other = await seedTenant({ name: "Other Agency" });
  owner = await seedUser(harbour.id, "owner");
  viewer = await seedUser(harbour.id, "viewer");
  otherOwner = await seedUser(other.id, "owner");
});

describe("Settings → Mail preview (GET /api/v1/mail-previews/:template)", () => {
  it.each(MAIL_PREVIEW_NAMES)("%s is in the tenant's brand, never the platform's, with its own sandboxing policy", async (template) => {
    const html = await preview(harbour, owner, template);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    const text = await preview(harbour, owner, template, "text");
    expect(text.status).toBe(200);
    for (const body of [html.body, text.body]) {
      expect(body).toContain("Harbour Homes");
      expect(body).not.toContain("Asset Anchor");
    }
  });

  it("refuses an unknown template (404), a viewer (403) and another tenant's owner (403)", async () => {
    expect((await preview(harbour, owner, "no-such-mail")).status).toBe(404);
    expect((await preview(harbour, viewer, "password-reset")).status).toBe(403);
    expect((await preview(harbour, otherOwner, "password-reset")).status).toBe(403);
  });
});
