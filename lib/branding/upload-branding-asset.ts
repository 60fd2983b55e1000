import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { AppError } from "@/lib/errors/app-error";
import { putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export type BrandingAssetKind = "logo" | "favicon" | "css";

const LIMITS: Record<BrandingAssetKind, number> = { logo: 512 * 1024, favicon: 128 * 1024, css: 256 * 1024 };

/** The type comes from the bytes, not from what the browser claims; SVG is refused (it can carry script). */
function sniffImage(bytes: Uint8Array): { contentType: string; extension: string } | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: "image/png", extension: "png" };
  if (starts(0xff, 0xd8, 0xff)) return { contentType: "image/jpeg", extension: "jpg" };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { contentType: "image/gif", extension: "gif" };
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return { contentType: "image/webp", extension: "webp" };
  if (starts(0x00, 0x00, 0x01, 0x00)) return { contentType: "image/x-icon", extension: "ico" };
  return null;
}

function sniffCss(bytes: Uint8Array): { contentType: string; extension: string } | null {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\u0000") || /<\s*(script|html|!doctype)/i.test(text)) return null;
  return { contentType: "text/css; charset=utf-8", extension: "css" };
}

/** Stores a logo, favicon or stylesheet under the tenant's prefix and returns the `/assets/…` reference for the settings. */
export async function uploadBrandingAsset(
  context: Pick<TenantRequestContext, "tenant">,
  identity: Pick<Identity, "userId">,
  kind: BrandingAssetKind,
  bytes: Uint8Array,
): Promise<{ reference: string; key: string; contentType: string; size: number }> {
  if (bytes.byteLength === 0) throw new AppError({ code: "validation_failed", message: "The file is empty", fieldErrors: { file: ["The file is empty"] } });
  if (bytes.byteLength > LIMITS[kind]) {
    throw new AppError({ code: "validation_failed", message: `The ${kind} must be at most ${LIMITS[kind] / 1024} KB`, fieldErrors: { file: [`At most ${LIMITS[kind] / 1024} KB`] } });
  }
  const type = kind === "css" ? sniffCss(bytes) : sniffImage(bytes);
  if (!type) {
    const expected = kind === "css" ? "a CSS file" : "a PNG, JPEG, GIF, WebP or ICO image";
    throw new AppError({ code: "validation_failed", message: `The ${kind} must be ${expected}`, fieldErrors: { file: [`Upload ${expected}`] } });
  }
  const key = tenantObjectKey(context.tenant.id, "branding", `${kind}-${randomBytes(8).toString("hex")}.${type.extension}`);
  await putObject(key, bytes, type.contentType, { tenant_id: context.tenant.id, kind });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "settings.asset_uploaded", target: key, metadata: { kind, size: bytes.byteLength } });
  return { reference: `/assets/${key}`, key, contentType: type.contentType, size: bytes.byteLength };
}
