import { uploadBrandingAsset, type BrandingAssetKind } from "@/lib/branding/upload-branding-asset";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/http/with-tenant";

const KINDS: readonly BrandingAssetKind[] = ["logo", "favicon", "css"];
/** The largest asset is 512 KB; refuse bigger bodies before reading them into memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/** POST multipart/form-data { kind: logo|favicon|css, file } → { reference } to put into the branding settings. */
export const POST = withTenant(
  async ({ request, context, identity }) => {
    const declaredLength = Number(request.headers.get("content-length") ?? "0");
    if (declaredLength > MAX_BODY_BYTES) throw new AppError({ code: "validation_failed", message: "The file is too large (at most 512 KB)", fieldErrors: { file: ["At most 512 KB"] } });
    const form = await request.formData().catch(() => {
      throw new AppError({ code: "bad_request", message: "Send multipart/form-data with a file" });
    });
    const kind = String(form.get("kind") ?? "");
    const file = form.get("file");
    if (!KINDS.includes(kind as BrandingAssetKind)) throw new AppError({ code: "validation_failed", message: "kind must be logo, favicon or css", fieldErrors: { kind: ["Choose logo, favicon or css"] } });
    if (!(file instanceof File)) throw new AppError({ code: "validation_failed", message: "Choose a file", fieldErrors: { file: ["Choose a file"] } });
    const asset = await uploadBrandingAsset(context, identity, kind as BrandingAssetKind, new Uint8Array(await file.arrayBuffer()));
    return Response.json(asset, { status: 201 });
  },
  { permission: "settings:edit" },
);
