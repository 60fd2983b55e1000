import { describe, expect, it } from "vitest";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { setTenantStatus } from "@/lib/tenants/set-tenant-status";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import { putObject } from "@/lib/storage/s3";
import { GET as brandingGet } from "@/app/t/[tenantId]/api/tenant/branding/route";
import { GET as assetGet } from "@/app/t/[tenantId]/assets/[...key]/route";
import type { BrandingSettingsInput } from "./branding-schema";
import { getBranding } from "./get-branding";
import { updateBranding } from "./update-branding";
import { uploadBrandingAsset } from "./upload-branding-asset";

const VALID: BrandingSettingsInput = {
  theme: "dark",
  primaryColor: "#FF5500",
  secondaryColor: "#112233",
  logoUrl: "https://cdn.example.com/logo.png",
  faviconUrl: null,
  customCssUrl: "",
  customJsUrl: null,
  customHeaderHtml: '<strong>Open today</strong><script>alert(1)</script><img src=x onerror="alert(2)">',
  customFooterHtml: '<a href="javascript:alert(3)">x</a> <a href="https://acme.example/terms">Terms</a>',
  timezone: "Europe/Berlin",
  dateFormat: "dd.MM.yyyy",
  currency: "eur",
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const brandingOf = async (tenant: SeededTenant) => (await callRoute(brandingGet, { host: `${tenant.slug}.localhost:3000`, path: "/api/tenant/branding" })).json;

describe("branding", () => {
  it("saves valid settings with sanitised HTML; the API serves them on the next request; others unchanged", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    expect(await brandingOf(acme)).toMatchObject({ primaryColor: "#1d4ed8", theme: "light" });

    await updateBranding({ tenant: acme.ref }, { userId: acme.adminUserId }, VALID);
    const stored = await sharedDb().tenantSettings.findUniqueOrThrow({ where: { tenantId: acme.id } });
    expect(stored).toMatchObject({ primaryColor: "#ff5500", currency: "EUR", customCssUrl: null, timezone: "Europe/Berlin" });
    expect(stored.customHeaderHtml).toBe("<strong>Open today</strong><img />");
    expect(stored.customFooterHtml).toBe('<a>x</a> <a href="https://acme.example/terms">Terms</a>');

    expect(await brandingOf(acme)).toEqual({
      name: acme.name,
      logo: "https://cdn.example.com/logo.png",
      favicon: null,
      primaryColor: "#ff5500",
      secondaryColor: "#112233",
      theme: "dark",
      customCss: null,
      customJs: null,
      customHeader: stored.customHeaderHtml,
      customFooter: stored.customFooterHtml,
    });
    expect(await brandingOf(globex)).toMatchObject({ primaryColor: "#1d4ed8", theme: "light", customHeader: null });
  });

  it.each([
    [{ primaryColor: "red" }, "primaryColor"],
    [{ secondaryColor: "#12345" }, "secondaryColor"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ currency: "XYZ" }, "currency"],
    [{ dateFormat: "YYYY" }, "dateFormat"],
    [{ logoUrl: "http://cdn.example.com/logo.png" }, "logoUrl"],
    [{ logoUrl: "javascript:alert(1)" }, "logoUrl"],
    [{ customCssUrl: "ftp://x.example/a.css" }, "customCssUrl"],
    [{ theme: "neon" }, "theme"],
  ])("refuses %o with a field error and saves nothing", async (patch, field) => {
    const tenant = await seedTenant();
    const error = await failure(updateBranding({ tenant: tenant.ref }, { userId: tenant.adminUserId }, { ...VALID, ...patch } as BrandingSettingsInput));
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect((await sharedDb().tenantSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } })).primaryColor).toBe("#1d4ed8");
  });

  it("refuses custom JS with plan_limit unless the plan allows it (standard and professional refused, nothing saved); an allowed plan serves it", async () => {
    for (const plan of ["standard", "professional"] as const) {
      const tenant = await seedTenant({ plan });
      const error = await failure(updateBranding({ tenant: tenant.ref }, { userId: tenant.adminUserId }, { ...VALID, customJsUrl: "https://cdn.example.com/widget.js" }));
      const planName = plan === "standard" ? "Standard" : "Professional";
      expect(error).toMatchObject({
        code: "plan_limit",
        message: `Your ${planName} plan does not include custom JavaScript. Upgrade to the Enterprise plan to use it.`,
        details: [{ limit: "customJs", max: 0, plan: planName, upgrade: "Upgrade to the Enterprise plan to use it." }],
      });
      expect(error.fieldErrors?.customJsUrl?.[0]).toMatch(/does not include custom JavaScript/);
      expect((await sharedDb().tenantSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } })).primaryColor).toBe("#1d4ed8");
    }

    const enterprise = await seedTenant({ plan: "enterprise" });
    await updateBranding({ tenant: enterprise.ref }, { userId: enterprise.adminUserId }, { ...VALID, customJsUrl: "https://cdn.example.com/widget.js" });
    expect(await brandingOf(enterprise)).toMatchObject({ customJs: "https://cdn.example.com/widget.js" });
  });

  it("refuses an /assets/ reference to another tenant's file", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const foreign = `/assets/${tenantObjectKey(globex.id, "branding", "logo.png")}`;
    const error = await failure(updateBranding({ tenant: acme.ref }, { userId: acme.adminUserId }, { ...VALID, logoUrl: foreign }));
    expect(error.fieldErrors).toHaveProperty("logoUrl");
  });

  it("uploads images to the tenant's prefix and serves them on its host only", async () => {
    const acme = await seedTenant();
    const globex = await seedTenant();
    const upload = await uploadBrandingAsset({ tenant: acme.ref }, { userId: acme.adminUserId }, "logo", PNG);
    expect(upload.key.startsWith(`tenant_${acme.id.replaceAll("-", "")}/branding/logo-`)).toBe(true);
    const path = upload.reference;
    const segments = path.slice("/assets/".length).split("/");

    const own = await assetGet(new Request(`http://${acme.slug}.localhost:3000${path}`, { headers: { host: `${acme.slug}.localhost:3000` } }), { params: Promise.resolve({ key: segments }) });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(PNG);

    const elsewhere = await assetGet(new Request(`http://${globex.slug}.localhost:3000${path}`, { headers: { host: `${globex.slug}.localhost:3000` } }), { params: Promise.resolve({ key: segments }) });
    expect(elsewhere.status).toBe(404);
    const traversal = await assetGet(new Request(`http://${globex.slug}.localhost:3000/assets/x`, { headers: { host: `${globex.slug}.localhost:3000` } }), {
      params: Promise.resolve({ key: [`tenant_${globex.id.replaceAll("-", "")}`, "..", ...segments] }),
    });
    expect(traversal.status).toBe(404);
  });

  it("does not serve an object in the prefix whose metadata names another tenant", async () => {
    const acme = await seedTenant();
    const key = tenantObjectKey(acme.id, "branding", "planted.png");
    await putObject(key, PNG, "image/png", { tenant_id: "someone-else" });
    const response = await assetGet(new Request(`http://${acme.slug}.localhost:3000/assets/${key}`, { headers: { host: `${acme.slug}.localhost:3000` } }), { params: Promise.resolve({ key: key.split("/") }) });
    expect(response.status).toBe(404);
  });

  it.each([
    ["logo", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /PNG, JPEG/],
    ["logo", new Uint8Array(600 * 1024).fill(0x89), /at most 512 KB/],
    ["favicon", new Uint8Array(0), /empty/],
    ["css", new TextEncoder().encode("<script>alert(1)</script>"), /CSS file/],
  ] as const)("refuses a bad %s upload", async (kind, bytes, message) => {
    const tenant = await seedTenant();
    const error = await failure(uploadBrandingAsset({ tenant: tenant.ref }, { userId: tenant.adminUserId }, kind, bytes));
    expect(error.message).toMatch(message);
  });

  it("getBranding reflects a change made by another process once it is announced", async () => {
    const tenant = await seedTenant();
    expect((await getBranding(tenant.ref)).primaryColor).toBe("#1d4ed8");
    await updateBranding({ tenant: tenant.ref }, { userId: tenant.adminUserId }, VALID);
    expect((await getBranding(tenant.ref)).primaryColor).toBe("#ff5500");
  });

  it("a suspended tenant's branding API answers 403 and shows none of its branding", async () => {
    const tenant = await seedTenant();
    await updateBranding({ tenant: tenant.ref }, { userId: tenant.adminUserId }, VALID);
    await setTenantStatus(tenant.slug, "suspended");
    const response = await callRoute(brandingGet, { host: `${tenant.slug}.localhost:3000`, path: "/api/tenant/branding" });
    expect(response).toMatchObject({ status: 403, json: { error: "tenant_suspended" } });
    expect(JSON.stringify(response.json)).not.toContain("#ff5500");
  });
});
