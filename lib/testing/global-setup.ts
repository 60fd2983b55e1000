import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { startEmbeddedS3 } from "@/lib/dev/embedded-s3";

declare module "vitest" {
  export interface ProvidedContext {
    testPostgresAdminUrl: string;
    testS3Endpoint: string;
  }
}

export const TEST_BUCKET = "asset-anchor-test";

/**
 * One PostgreSQL server and one S3 server for the whole run: embedded ones in `.data/test-*`
 * on free ports, or the servers named by DATABASE_URL / S3_ENDPOINT. Each test file then gets its
 * own database (database-per-file.ts), so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const postgres = await startEmbeddedPostgres({
      dataDir: `.data/test-${process.pid}/postgres`,
      password: "test-owner-password",
      database: "postgres",
      persistent: false,
    });
    stops.push(postgres.stop);
    adminUrl = postgres.adminUrl;
  }
  let s3Endpoint = process.env.S3_ENDPOINT;
  if (!s3Endpoint) {
    const s3 = await startEmbeddedS3({ dir: `.data/test-${process.pid}/s3`, bucket: TEST_BUCKET });
    stops.push(s3.stop);
    s3Endpoint = s3.endpoint;
  }
  project.provide("testPostgresAdminUrl", adminUrl);
  project.provide("testS3Endpoint", s3Endpoint);
  return async () => {
    for (const stop of stops.reverse()) await stop();
    await rm(`.data/test-${process.pid}`, { recursive: true, force: true });
  };
}
