import type { Readable } from "node:stream";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { bucket, s3 } from "@/lib/storage/s3";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";

/** One object under a tenant's prefix in the app's bucket. */
export interface TenantObject {
  /** The key below the tenant's prefix, e.g. `documents/<id>-lease.pdf`. */
  name: string;
  size: number;
  etag: string;
}

/** Every object under the tenant's prefix (paginated), with sizes. */
export async function listTenantObjects(tenantId: string): Promise<TenantObject[]> {
  const prefix = tenantPrefix(tenantId);
  const objects: TenantObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (!object.Key) continue;
      objects.push({ name: object.Key.slice(prefix.length), size: object.Size ?? 0, etag: object.ETag ?? "" });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function readTenantObject(
  tenantId: string,
  name: string,
): Promise<{ body: Readable; size: number; contentType: string; metadata: Record<string, string> }> {
  const response = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: `${tenantPrefix(tenantId)}${name}` }));
  if (!response.Body) throw new Error(`Object ${name} of tenant ${tenantId} has no body`);
  return {
    body: response.Body as Readable,
    size: response.ContentLength ?? 0,
    contentType: response.ContentType ?? "application/octet-stream",
    metadata: response.Metadata ?? {},
  };
}

/** Writes one object of the tenant, streamed (the size must be known). */
export async function writeTenantObject(
  tenantId: string,
  name: string,
  body: Readable,
  size: number,
  contentType: string,
  metadata: Record<string, string>,
): Promise<void> {
  // Upload sends buffered parts: a plain PutObject of a stream is sent aws-chunked, which not every
  // S3 implementation (s3rver) decodes.
  await new Upload({
    client: s3(),
    params: { Bucket: bucket(), Key: `${tenantPrefix(tenantId)}${name}`, Body: body, ContentLength: size, ContentType: contentType, Metadata: metadata },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  }).done();
}

export async function deleteTenantObjects(tenantId: string, names: string[]): Promise<void> {
  const prefix = tenantPrefix(tenantId);
  for (let start = 0; start < names.length; start += 1000) {
    const batch = names.slice(start, start + 1000);
    await s3().send(
      new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: batch.map((name) => ({ Key: `${prefix}${name}` })), Quiet: true } }),
    );
  }
}
