import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { env } from "@/lib/env/env";
import { assertTenantKey } from "./tenant-object-key";

let client: S3Client | undefined;

/** The one S3 client of the app: S3_ENDPOINT (s3rver in dev and tests, any S3 in production). */
export function s3(): S3Client {
  const config = env();
  client ??= new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_ENDPOINT !== undefined,
    credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
  });
  return client;
}

export function bucket(): string {
  return env().S3_BUCKET;
}

/** Creates the bucket when it does not exist yet (dev and tests; production buckets are made by ops). */
export async function ensureBucket(): Promise<void> {
  try {
    await s3().send(new HeadBucketCommand({ Bucket: bucket() }));
  } catch {
    await s3().send(new CreateBucketCommand({ Bucket: bucket() }));
  }
}

export async function putObject(key: string, body: Uint8Array | string, contentType: string, metadata: Record<string, string> = {}): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType, Metadata: metadata }));
}

export async function getObjectText(key: string): Promise<{ body: string; metadata: Record<string, string> }> {
  const response = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return { body: (await response.Body?.transformToString()) ?? "", metadata: response.Metadata ?? {} };
}

/**
 * A tenant's object to stream: the key must lie under the tenant's prefix (assertTenantKey throws
 * otherwise), and an object whose `tenant_id` metadata names someone else counts as missing (null, with
 * its stream closed).
 */
export async function getTenantObjectStream(
  tenantId: string,
  key: string,
): Promise<{ body: ReadableStream; contentType: string; size: number | undefined } | null> {
  let response;
  try {
    response = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: assertTenantKey(tenantId, key) }));
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey") return null;
    throw error;
  }
  if (!response.Body) return null;
  const body = response.Body.transformToWebStream();
  if (response.Metadata?.tenant_id !== tenantId) {
    await body.cancel();
    return null;
  }
  return { body, contentType: response.ContentType ?? "application/octet-stream", size: response.ContentLength };
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/** Every key under a prefix (paginated), e.g. to find a tenant's objects. */
export async function listObjectKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: continuationToken }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return keys;
}

/**
 * A presigned GET of one object with the response headers S3 should send (Content-Disposition, and
 * Content-Type when given); they are part of the signed query, so the URL's holder cannot change them.
 */
export function presignGetObjectUrl(key: string, options: { expiresInSeconds: number; contentDisposition: string; contentType?: string }): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: bucket(), Key: key, ResponseContentDisposition: options.contentDisposition, ResponseContentType: options.contentType }),
    { expiresIn: options.expiresInSeconds },
  );
}
