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

/** Bytes stored under each top-level prefix (`tenant_<hex>/` …) of the bucket: one paginated listing. */
export async function bytesByTopLevelPrefix(): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let continuationToken: string | undefined;
  do {
    const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), ContinuationToken: continuationToken }));
    for (const object of page.Contents ?? []) {
      const slash = object.Key?.indexOf("/") ?? -1;
      if (!object.Key || slash === -1) continue;
      const prefix = object.Key.slice(0, slash + 1);
      totals.set(prefix, (totals.get(prefix) ?? 0) + (object.Size ?? 0));
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return totals;
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

/** A platform object (outside every tenant prefix) that exists only to prove anonymous reads fail. */
export const ANONYMOUS_READ_PROBE_KEY = "platform/anonymous-read-probe.txt";

/** The object's plain, unsigned URL: what anyone on the internet could try. */
export function unsignedObjectUrl(key: string): string {
  const config = env();
  const path = key.split("/").map(encodeURIComponent).join("/");
  if (config.S3_ENDPOINT) return `${config.S3_ENDPOINT.replace(/\/+$/, "")}/${encodeURIComponent(bucket())}/${path}`;
  return `https://${bucket()}.s3.${config.S3_REGION}.amazonaws.com/${path}`;
}

/** s3rver started by scripts/dev.ts or the tests: loopback endpoint and its fixed credentials. It serves every object to anyone. */
export function isEmbeddedS3rver(): boolean {
  const config = env();
  if (!config.S3_ENDPOINT || config.S3_ACCESS_KEY_ID !== "S3RVER") return false;
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(config.S3_ENDPOINT).hostname);
}

export interface AnonymousReadCheck {
  refused: boolean;
  status: number;
  url: string;
  message: string;
}

/**
 * Writes the probe object with the app's credentials, then GETs it without any: a private bucket
 * answers 403. Anything else (200: the bucket or object is public) means every tenant's files are
 * readable by whoever guesses or learns a key.
 */
export async function checkAnonymousReadsRefused(): Promise<AnonymousReadCheck> {
  await putObject(ANONYMOUS_READ_PROBE_KEY, "This object must not be readable without credentials.\n", "text/plain");
  const url = unsignedObjectUrl(ANONYMOUS_READ_PROBE_KEY);
  const response = await fetch(url, { redirect: "manual", cache: "no-store" });
  await response.body?.cancel();
  const refused = response.status === 403;
  const message = refused
    ? `Bucket ${bucket()} refuses anonymous reads (unsigned GET ${url} → 403).`
    : `Bucket ${bucket()} does not refuse anonymous reads: unsigned GET ${url} answered ${response.status}, expected 403. Block public access on the bucket (and its objects) before serving tenants.`;
  return { refused, status: response.status, url, message };
}

/**
 * The production start-up check (instrumentation): in NODE_ENV=production, unless the storage is the
 * embedded s3rver of dev/e2e, the bucket must refuse anonymous reads; "failed" says why not.
 */
export async function productionStorageCheck(nodeEnv = env().NODE_ENV): Promise<{ outcome: "skipped" | "passed" | "failed"; message: string }> {
  if (nodeEnv !== "production") return { outcome: "skipped", message: "Storage check runs in production only" };
  if (isEmbeddedS3rver()) return { outcome: "skipped", message: "Embedded s3rver (dev/e2e) serves every object; storage check skipped" };
  try {
    const check = await checkAnonymousReadsRefused();
    return { outcome: check.refused ? "passed" : "failed", message: check.message };
  } catch (error) {
    return { outcome: "failed", message: `Could not check that bucket ${bucket()} refuses anonymous reads: ${error instanceof Error ? error.message : String(error)}` };
  }
}
