import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { BackupStore } from "./backup-store";
import { ChecksumStream } from "./checksum-stream";

export interface CopiedData {
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Streams `COPY (query) TO STDOUT` (text format, one row per line) into an object of the backup
 * store, hashing on the way: memory stays at one upload part whatever the table's size.
 */
export async function copyQueryToStore(
  client: pg.PoolClient,
  query: string,
  store: BackupStore,
  key: string,
  onBytes?: (bytes: number) => void,
): Promise<CopiedData> {
  const source = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const checksum = new ChecksumStream(onBytes);
  await Promise.all([pipeline(source, checksum), store.putStream(key, checksum, "text/tab-separated-values")]);
  return { rows: checksum.lines, bytes: checksum.bytes, sha256: checksum.digest() };
}

/** Hashes a table's COPY output without storing it (verification after a transfer). */
export async function checksumQuery(client: pg.ClientBase, query: string): Promise<CopiedData> {
  const source = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const checksum = new ChecksumStream();
  checksum.resume();
  await pipeline(source, checksum);
  return { rows: checksum.lines, bytes: checksum.bytes, sha256: checksum.digest() };
}

/** Streams stored COPY data into `COPY target (columns) FROM STDIN`, hashing what it loads. */
export async function copyStreamIntoTable(client: pg.ClientBase, source: Readable, target: string, columns: string, onBytes?: (bytes: number) => void): Promise<CopiedData> {
  const checksum = new ChecksumStream(onBytes);
  await pipeline(source, checksum, client.query(copyFrom(`COPY ${target} (${columns}) FROM STDIN`)));
  return { rows: checksum.lines, bytes: checksum.bytes, sha256: checksum.digest() };
}
