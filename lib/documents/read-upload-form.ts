import { AppError } from "@/lib/errors/app-error";
import { DOCUMENT_MAX_BYTES } from "./document-type";

/** Room for the multipart boundaries, part headers and the propertyId field around the largest file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const UPLOAD_MAX_BODY_BYTES = DOCUMENT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;

function tooLarge(): AppError {
  return new AppError({ code: "validation_failed", message: "Files can be at most 20 MB", fieldErrors: { file: ["At most 20 MB"] } });
}

/**
 * Parses a multipart upload without ever holding more than the limit: a declared Content-Length over it
 * is refused before reading, and a body without one (chunked) is counted as it streams in.
 */
export async function readUploadForm(request: Request): Promise<{ file: File; propertyId: string | null }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw new AppError({ code: "bad_request", message: "Send multipart/form-data with a file field" });
  }
  const declaredLength = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declaredLength > UPLOAD_MAX_BODY_BYTES) throw tooLarge();

  let received = 0;
  let exceeded = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > UPLOAD_MAX_BODY_BYTES) {
          exceeded = true;
          controller.error(tooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Response(counted, { headers: { "content-type": contentType } }).formData();
  } catch {
    if (exceeded) throw tooLarge();
    if (received < declaredLength) {
      throw new AppError({ code: "bad_request", message: "The upload arrived incomplete (it may be larger than this server accepts); try again" });
    }
    throw new AppError({ code: "bad_request", message: "The multipart body could not be read" });
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError({ code: "validation_failed", message: "Choose a file", fieldErrors: { file: ["Choose a file"] } });
  const propertyId = form.get("propertyId");
  return { file, propertyId: typeof propertyId === "string" && propertyId !== "" ? propertyId : null };
}
