import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP, type Socket } from "node:net";
import { env } from "@/lib/env/env";

/**
 * The client's address, for rate limits, lockouts and the audit log.
 *
 * `next start` does not tell route handlers, server actions or proxy.ts the TCP peer: it only fills
 * `X-Forwarded-For` with the socket address when the client sent none (`??=` in Next's base server), so
 * a client-sent header is indistinguishable from Next's. We therefore stamp the socket address onto every
 * request ourselves, before Next sees it (Node's `http.server.request.start` diagnostics channel, from
 * instrumentation), in PEER_HEADER with a per-process secret no client can know. The client IP is then the
 * peer, or — only when the peer is one of TRUSTED_PROXIES — walked leftwards through `X-Forwarded-For`
 * entries that trusted proxies appended.
 */
export const PEER_HEADER = "x-asset-anchor-peer";

interface PeerStamp {
  secret: string;
}

/** Shared by every bundle of this process (instrumentation, route handlers, server actions). */
const STAMP_KEY = Symbol.for("asset-anchor.peer-stamp");
type StampHolder = typeof globalThis & { [STAMP_KEY]?: PeerStamp };

function stamp(): PeerStamp {
  const holder = globalThis as StampHolder;
  holder[STAMP_KEY] ??= { secret: randomBytes(24).toString("base64url") };
  return holder[STAMP_KEY];
}

/** The header value that says "this request's TCP peer was `address`", signed for this process. */
export function peerHeaderValue(address: string): string {
  return `${stamp().secret} ${address}`;
}

let installed = false;

/** Called once at boot (instrumentation): every HTTP request of this process gets PEER_HEADER, overwriting a client's. */
export function installPeerStamp(): void {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = peerHeaderValue(socket.remoteAddress ?? "unknown");
  });
}

/** The stamped TCP peer, or null if the header is missing or was not written by this process. */
export function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  const holder = globalThis as StampHolder;
  const secret = holder[STAMP_KEY]?.secret;
  if (!value || !secret) return null;
  const [given, address] = value.split(" ");
  if (given !== secret || !address) return null;
  return normaliseAddress(address);
}

/** `::ffff:203.0.113.9` (IPv4 on a dual-stack socket) is `203.0.113.9`. */
function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

export type TrustedProxies = BlockList;

/** TRUSTED_PROXIES: comma-separated IPs and CIDRs (v4 or v6). Throws on an entry that is neither. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const entry of (value ?? "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32) || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    }
    list.addSubnet(address as string, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client behind `peer`: the peer itself unless it is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not a trusted proxy (entries further left are the client's claims). A
 * malformed entry stops the walk at the last address a trusted proxy vouched for.
 */
export function resolveClientIp(input: { peer: string; forwardedFor: string | null; trusted: TrustedProxies }): string {
  let client = normaliseAddress(input.peer);
  const chain = (input.forwardedFor ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  while (isTrusted(client, input.trusted) && chain.length > 0) {
    const next = normaliseAddress(chain.pop() as string);
    if (isIP(next) === 0) break;
    client = next;
  }
  return client;
}

let trustedCache: { source: string | undefined; list: TrustedProxies } | undefined;

function trustedProxies(): TrustedProxies {
  const source = env().TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.source !== source) trustedCache = { source, list: parseTrustedProxies(source) };
  return trustedCache.list;
}

/** The client IP of a request that reached a route handler or server action; "unknown" without a stamped peer. */
export function clientIp(headers: Headers): string {
  const peer = peerAddress(headers);
  if (!peer) return "unknown";
  return resolveClientIp({ peer, forwardedFor: headers.get("x-forwarded-for"), trusted: trustedProxies() });
}
