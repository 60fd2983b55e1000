import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

const NEWLINE = 0x0a;

/**
 * Passes bytes through unchanged while computing their SHA-256, their count and (for COPY text
 * output, one row per line) their line count. Read `digest()` only after the stream has finished.
 */
export class ChecksumStream extends Transform {
  private readonly hash: Hash = createHash("sha256");
  bytes = 0;
  lines = 0;
  private finalDigest: string | undefined;

  constructor(private readonly onBytes?: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let at = chunk.indexOf(NEWLINE);
    while (at !== -1) {
      this.lines++;
      at = chunk.indexOf(NEWLINE, at + 1);
    }
    this.onBytes?.(chunk.length);
    done(null, chunk);
  }

  digest(): string {
    this.finalDigest ??= this.hash.digest("hex");
    return this.finalDigest;
  }
}
