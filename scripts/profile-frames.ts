// Names V8 profile frames (CPU and sampling-heap profiles have the same call frames) for the summary scripts:
// the package or app file a frame comes from, and `function  file:line`, mapping frames of the build's chunks
// to their sources through the chunks' .map files (next build writes them).
import { existsSync, readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import { fileURLToPath } from "node:url";

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** Where a frame comes from: a package under node_modules, the app's own chunk, node internals or V8. */
function origin(url: string): string {
  if (url === "") return "(native / V8)";
  if (url.startsWith("node:")) return url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) {
    const pkg = modules[1]!;
    const next = /next\/dist\/(compiled\/[^/]+|[^/]+\/[^/]+)/.exec(url);
    return pkg === "next" && next ? `next/${next[1]}` : pkg;
  }
  const chunk = /\.next\/server\/(.+)$/.exec(url);
  return chunk ? `app: ${chunk[1]}` : url.replace(/^file:\/\//, "");
}
const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    const file = url.startsWith("file://") ? `${fileURLToPath(url)}.map` : "";
    maps.set(url, file && existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8")) as SourceMapPayload) : null);
  }
  return maps.get(url)!;
}

/** The frame's original source (through the chunk's source map) as `file:line`, and its name there when the map has one. */
function original(frame: CallFrame): { where: string; name?: string } | null {
  const map = sourceMapOf(frame.url);
  if (!map) return null;
  const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number; name?: string };
  if (!entry.originalSource) return null;
  const source = entry.originalSource.replace(/^.*?\[project\]\//, "").replace(/^turbopack:\/\/\/?/, "").replace(/ \[.*\]$/, "");
  return { where: `${source}:${(entry.originalLine ?? 0) + 1}`, name: entry.name };
}

/** The package, app file, node internal or "(native / V8)" a frame belongs to. */
export function frameOrigin(frame: CallFrame): string {
  const mapped = original(frame);
  const modules = mapped && /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(mapped.where);
  return mapped ? (modules ? modules[1]! : mapped.where.replace(/:\d+$/, "")) : origin(frame.url);
}

/** `function  file:line`, with the file mapped to its source where the build has a map. */
export function frameName(frame: CallFrame): string {
  const mapped = original(frame);
  return mapped
    ? `${frame.functionName || "(anonymous)"}  ${mapped.where}`
    : `${frame.functionName || "(anonymous)"}  ${origin(frame.url)}:${frame.lineNumber + 1}`;
}
