import { z } from "zod";
import { env } from "@/lib/env/env";

const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());

const backupEnvSchema = z.object({
  BACKUP_S3_ENDPOINT: optionalUrl,
  BACKUP_S3_REGION: z.string().optional(),
  BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
  BACKUP_S3_BUCKET: z.string().min(3).optional(),
  BACKUP_S3_PREFIX: z
    .string()
    .regex(/^$|^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/, "BACKUP_S3_PREFIX is empty or path segments ending in /, e.g. backups/")
    .default(""),
  BACKUP_FILE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export interface BackupStoreConfig {
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  prefix: string;
  fileConcurrency: number;
  /** Dev and tests create the bucket when missing; production buckets are made by ops. */
  createBucketIfMissing: boolean;
}

/**
 * Where backups live: by default the app's own S3 endpoint and credentials but a separate bucket
 * (`<S3_BUCKET>-backups`) that the app never reads or writes, so no tenant request can reach it.
 */
export function backupStoreConfig(): BackupStoreConfig {
  const app = env();
  const parsed = backupEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  const values = parsed.data;
  const bucket = values.BACKUP_S3_BUCKET ?? `${app.S3_BUCKET}-backups`;
  if (bucket === app.S3_BUCKET && values.BACKUP_S3_PREFIX === "") {
    throw new Error("Invalid environment:\n  BACKUP_S3_BUCKET: must differ from S3_BUCKET (or set BACKUP_S3_PREFIX) so tenants' files and backups never mix");
  }
  return {
    endpoint: values.BACKUP_S3_ENDPOINT ?? app.S3_ENDPOINT,
    region: values.BACKUP_S3_REGION ?? app.S3_REGION,
    accessKeyId: values.BACKUP_S3_ACCESS_KEY_ID ?? app.S3_ACCESS_KEY_ID,
    secretAccessKey: values.BACKUP_S3_SECRET_ACCESS_KEY ?? app.S3_SECRET_ACCESS_KEY,
    bucket,
    prefix: values.BACKUP_S3_PREFIX,
    fileConcurrency: values.BACKUP_FILE_CONCURRENCY,
    createBucketIfMissing: app.NODE_ENV !== "production",
  };
}
