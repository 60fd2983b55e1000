// npx tsx scripts/heapprofile-summary.ts FILE.heapprofile [--top 30] [--requests N] [--depth 6]
// Sums a V8 sampling heap profile (bench:http --heap-sample: objects that outlived the young generation during
// one timed row) by package/file and by allocation site, with each site's callers up to --depth frames, so the
// code that fills the old generation (and so causes major GCs) can be named. Sizes are V8's estimates from
// its samples. With --requests, bytes are also shown per request.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { type CallFrame, frameName, frameOrigin } from "./profile-frames";

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: HeapNode[];
}

const command = new Command("heapprofile-summary")
  .argument("<file>")
  .option("--top <n>", "rows per table", (value: string) => Number(value), 30)
  .option("--requests <n>", "requests served during the profile: adds bytes per request", (value: string) => Number(value))
  .option("--depth <n>", "caller frames shown per allocation site", (value: string) => Number(value), 6)
  .parse();
const [file] = command.args as [string];
const options = command.opts<{ top: number; requests?: number; depth: number }>();
const { head } = JSON.parse(readFileSync(file, "utf8")) as { head: HeapNode };

const byOrigin = new Map<string, number>();
const bySite = new Map<string, number>();
let total = 0;
const walk = (node: HeapNode, stack: CallFrame[]): void => {
  const here = node.callFrame.functionName === "(root)" ? stack : [node.callFrame, ...stack];
  if (node.selfSize > 0 && here.length > 0) {
    total += node.selfSize;
    const origin = frameOrigin(here[0]!);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + node.selfSize);
    const site = here.slice(0, options.depth).map(frameName).join("\n      ← ");
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, here);
};
walk(head, []);

const size = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(2).padStart(8)} MB${options.requests ? `  ${(bytes / options.requests).toFixed(0).padStart(6)} B/req` : ""}`;
const table = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, bytes] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, options.top)) console.log(`${size(bytes)}  ${(bytes / total * 100).toFixed(1).padStart(5)}%  ${key}`);
};
console.log(`${file}: ${size(total)} sampled in all`);
table("By package or file (where the object was allocated)", byOrigin);
table("By allocation site, with its callers", bySite);
