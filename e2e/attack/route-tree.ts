import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One thing a client can call: a route handler's method, a page, or a server action. */
export interface RouteTreeItem {
  kind: "route" | "page" | "action";
  /** Repository-relative source file, e.g. `app/t/[tenantId]/api/v1/properties/route.ts`. */
  file: string;
  /** HTTP method (routes), `default` (pages) or the exported name (actions). */
  name: string;
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function itemKey(item: Pick<RouteTreeItem, "file" | "name">): string {
  return `${item.file}#${item.name}`;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

/** Exported names of a module: `export (async) function X`, `export const X`, `export { a as X, b }`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)) names.add(match[1] ?? "");
  for (const match of source.matchAll(/^export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(match[1] ?? "");
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of (match[1] ?? "").split(",")) {
      const name = part.trim().split(/\s+as\s+/).at(-1)?.trim();
      if (name) names.add(name);
    }
  }
  if (/^export\s+default\b/m.test(source)) names.add("default");
  names.delete("");
  return [...names];
}

function isServerActionModule(source: string): boolean {
  return /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);
}

/** Exports of a "use server" module that are types only never reach the client. */
function actionNames(source: string): string[] {
  return exportedNames(source).filter((name) => !new RegExp(`^export\\s+(?:type|interface)\\s+${name}\\b`, "m").test(source));
}

/**
 * Everything callable, read from the source tree: each `app/**\/route.ts` method, each `app/**\/page.tsx`,
 * and each export of a `"use server"` module anywhere in app/, components/ or lib/. Inline `"use server"`
 * functions inside other modules are reported as actions named `inline:<line>` so they cannot hide.
 */
export function readRouteTree(root: string): RouteTreeItem[] {
  const items: RouteTreeItem[] = [];
  const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");
  for (const file of walk(path.join(root, "app"))) {
    const base = path.basename(file);
    if (/^route\.(ts|tsx|js|mjs)$/.test(base)) {
      const names = exportedNames(readFileSync(file, "utf8")).filter((name) => (HTTP_METHODS as readonly string[]).includes(name));
      for (const name of names) items.push({ kind: "route", file: relative(file), name });
      if (names.length === 0) items.push({ kind: "route", file: relative(file), name: "(no method export found)" });
    }
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(base)) items.push({ kind: "page", file: relative(file), name: "default" });
  }
  for (const dir of ["app", "components", "lib"]) {
    for (const file of walk(path.join(root, dir))) {
      if (!/\.(ts|tsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      const source = readFileSync(file, "utf8");
      if (isServerActionModule(source)) {
        for (const name of actionNames(source)) items.push({ kind: "action", file: relative(file), name });
        continue;
      }
      source.split("\n").forEach((line, index) => {
        if (/^\s+["']use server["'];?\s*$/.test(line)) items.push({ kind: "action", file: relative(file), name: `inline:${index + 1}` });
      });
    }
  }
  return items;
}

/** The public path of an app/ file: the surface prefix (`t/[tenantId]`, `apex`, `admin`) and route groups removed. */
export function publicPathOf(file: string): string {
  const segments = file.split("/").slice(1, -1);
  const rest = segments[0] === "t" && segments[1] === "[tenantId]" ? segments.slice(2) : segments[0] === "apex" || segments[0] === "admin" ? segments.slice(1) : segments;
  const kept = rest.filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${kept.join("/")}`;
}

/** Server actions in the production build (`.next/server/server-reference-manifest.json`), by source file and export. */
export function readBuiltActions(root: string, distDir = process.env.NEXT_DIST_DIR ?? ".next"): Map<string, { id: string; workers: string[] }> | null {
  const manifestFile = path.join(root, distDir, "server", "server-reference-manifest.json");
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };
  const actions = new Map<string, { id: string; workers: string[] }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    actions.set(itemKey({ file: entry.filename, name: entry.exportedName }), { id, workers: Object.keys(entry.workers) });
  }
  return actions;
}
