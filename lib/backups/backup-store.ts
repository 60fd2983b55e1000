import type { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { backupStoreConfig, type BackupStoreConfig } from "./backup-config";

/**
 * The backup store: one S3 bucket (and optional prefix) the app itself never touches. Layout:
 *   <prefix>tenants/<tenant id>/<backup id>/manifest.json     written last: a backup without it is incomplete
 *   <prefix>tenants/<tenant id>/<backup id>/tables/<scope>.<table>.copy
 *   <prefix>tenants/<tenant id>/<backup id>/files/<key under the tenant's prefix>
 *   <prefix>ids/<backup id>                                   {"tenantId": …}: finds a backup by id alone
 */
export class BackupStore {
  private readonly client: S3Client;
  private bucketChecked = false;

  constructor(readonly config: BackupStoreConfig = backupStoreConfig()) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.endpoint !== undefined,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
  }

  get bucket(): string {
    return this.config.bucket;
  }

  backupPrefix(tenantId: string, backupId: string): string {
    return `${this.tenantPrefix(tenantId)}${backupId}/`;
  }

  tenantPrefix(tenantId: string): string {
    return `${this.config.prefix}tenants/${tenantId}/`;
  }

  idKey(backupId: string): string {
    return `${this.config.prefix}ids/${backupId}`;
  }

  async ensureBucket(): Promise<void> {
    if (this.bucketChecked) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!this.config.createBucketIfMissing) {
        throw new Error(`Backup bucket "${this.bucket}" is not reachable: ${(error as Error).message}`, { cause: error });
      }
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
    this.bucketChecked = true;
  }

  /** Streams a body of unknown length (multipart above 8 MiB); memory stays at a few parts. */
  async putStream(key: string, body: Readable, contentType = "application/octet-stream"): Promise<void> {
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    }).done();
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: `${JSON.stringify(value, null, 2)}\n`, ContentType: "application/json" }),
    );
  }

  async getStream(key: string): Promise<Readable> {
    const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!response.Body) throw new Error(`Backup object ${key} has no body`);
    return response.Body as Readable;
  }

  /** The parsed JSON object at key, or null when there is none. */
  async getJson(key: string): Promise<unknown> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return JSON.parse((await response.Body?.transformToString()) ?? "null");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The "folders" directly under prefix (one per backup under a tenant's prefix). */
  async listChildPrefixes(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: "/", ContinuationToken: token }),
      );
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) found.push(common.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await this.deleteKeys(keys);
    return keys.length;
  }
}

export function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === "NoSuchKey" || name === "NotFound";
}

let defaultStore: BackupStore | undefined;

/** The store configured by this process's environment. */
export function backupStore(): BackupStore {
  defaultStore ??= new BackupStore();
  return defaultStore;
}
