import { createHash } from "node:crypto";

/**
 * The shebang flags Redis 7 knows. `@upstash/ratelimit` ≥ 2.1 starts its scripts with
 * `#!lua flags=allow-key-locking`, an Upstash-only flag that Redis refuses ("Unexpected flag in
 * script shebang"); the bridge drops such flags before the script reaches Redis.
 */
const REDIS_SCRIPT_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);

const SHEBANG = /^#!(\S+)(?:[ \t]+flags=(\S*))?[ \t]*$/;

export function sha1Hex(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The script with unknown shebang flags removed (unchanged when it has none). Keeps line numbers. */
export function scriptForRedis(script: string): string {
  if (!script.startsWith("#!")) return script;
  const lineEnd = script.indexOf("\n");
  const firstLine = lineEnd === -1 ? script : script.slice(0, lineEnd);
  const match = SHEBANG.exec(firstLine.replace(/\r$/, ""));
  if (!match) return script;
  const flags = (match[2] ?? "").split(",").filter(Boolean);
  const known = flags.filter((flag) => REDIS_SCRIPT_FLAGS.has(flag));
  if (known.length === flags.length) return script;
  const shebang = `#!${match[1]}${known.length > 0 ? ` flags=${known.join(",")}` : ""}`;
  return lineEnd === -1 ? shebang : shebang + script.slice(lineEnd);
}

/**
 * Clients address a script by the SHA1 of the text THEY sent; Redis knows it by the SHA1 of the
 * rewritten text. This map (per bridge process) translates; a SHA it has not seen is passed through,
 * Redis answers NOSCRIPT and the client falls back to EVAL with the full text, which refills the map.
 */
export class ScriptShaMap {
  private readonly toRedis = new Map<string, string>();
  private readonly fromRedis = new Map<string, string>();

  /** Rewrites a script's text for Redis and remembers the client's SHA for it. */
  rewrite(script: string): string {
    const rewritten = scriptForRedis(script);
    if (rewritten !== script) {
      const clientSha = sha1Hex(script);
      const redisSha = sha1Hex(rewritten);
      this.toRedis.set(clientSha, redisSha);
      this.fromRedis.set(redisSha, clientSha);
    }
    return rewritten;
  }

  redisSha(clientSha: string): string {
    return this.toRedis.get(clientSha.toLowerCase()) ?? clientSha;
  }

  clientSha(redisSha: string): string {
    return this.fromRedis.get(redisSha) ?? redisSha;
  }
}
