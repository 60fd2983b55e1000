// npx tsx scripts/cpuprofile-summary.ts FILE.cpuprofile [--top 40] [--requests N] [--match TEXT]
// Sums a V8 CPU profile (bench:http --cpu-prof) by function and by package/file: self time (spent in the
// function itself) and total time (the function and everything it called, counted once per sample even
// when it recurses). With --requests, times are also shown per request (µs). --match lists only the
// functions whose name or file contains TEXT. --busiest MS sums only the MS milliseconds of wall time with the
// most busy (non-idle) samples, and says where in the profile they lie (a stall's cause, not the average's). Frames of the build's chunks are mapped to their sources through
// the chunks' .map files (scripts/profile-frames.ts), so the app's own code shows under its file names.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { type CallFrame, frameName, frameOrigin } from "./profile-frames";

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const command = new Command("cpuprofile-summary")
  .argument("<file>")
  .option("--top <n>", "rows per table", (value: string) => Number(value), 40)
  .option("--requests <n>", "requests served during the profile: adds µs per request", (value: string) => Number(value))
  .option("--match <text>", "only functions whose name or file contains this")
  .option("--busiest <ms>", "only the window of this many ms with the most busy samples", (value: string) => Number(value))
  .option("--from <seconds>", "with --busiest: only windows starting this many seconds into the profile or later", (value: string) => Number(value), 0)
  .option("--to <seconds>", "with --busiest: only windows starting before this many seconds into the profile", (value: string) => Number(value), Infinity)
  .parse();
const [file] = command.args as [string];
const options = command.opts<{ top: number; requests?: number; match?: string; busiest?: number; from: number; to: number }>();
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const originCache = new Map<number, string>();
function nodeOrigin(node: ProfileNode): string {
  let value = originCache.get(node.id);
  if (value === undefined) {
    value = frameOrigin(node.callFrame);
    originCache.set(node.id, value);
  }
  return value;
}
const keyCache = new Map<number, string>();
function frameKey(node: ProfileNode): string {
  let value = keyCache.get(node.id);
  if (value === undefined) {
    value = frameName(node.callFrame);
    keyCache.set(node.id, value);
  }
  return value;
}

/** Sample indexes to sum: all of them, or those of the busiest window (--busiest). */
function samplesToSum(): { from: number; to: number; note: string } {
  if (!options.busiest) return { from: 0, to: profile.samples.length, note: "" };
  const at: number[] = [];
  let clock = profile.startTime;
  profile.samples.forEach((_id, index) => at.push((clock += profile.timeDeltas[index] ?? 0)));
  const busyDelta = (index: number) => (byId.get(profile.samples[index]!)!.callFrame.functionName === "(idle)" ? 0 : (profile.timeDeltas[index + 1] ?? 0));
  const width = options.busiest * 1000;
  let best = { from: 0, to: 0, busy: -1 };
  let busyNow = 0;
  const first = Math.max(0, at.findIndex((time) => time - profile.startTime >= options.from * 1e6));
  for (let from = first, to = first; from < at.length && at[from]! - profile.startTime < options.to * 1e6; from += 1) {
    while (to < at.length && at[to]! - at[from]! < width) busyNow += busyDelta(to++);
    if (busyNow > best.busy) best = { from, to, busy: busyNow };
    busyNow -= busyDelta(from);
  }
  const offset = (at[best.from]! - profile.startTime) / 1e6;
  return { from: best.from, to: best.to, note: `; busiest ${options.busiest} ms: from ${offset.toFixed(3)} s, ${(best.busy / 1000).toFixed(1)} ms busy` };
}
const window = samplesToSum();

const selfByFrame = new Map<string, number>();
const totalByFrame = new Map<string, number>();
const selfByOrigin = new Map<string, number>();
const totalByOrigin = new Map<string, number>();
let sampled = 0;
profile.samples.forEach((id, index) => {
  if (index < window.from || index >= window.to) return;
  const delta = profile.timeDeltas[index + 1] ?? 0;
  sampled += delta;
  const node = byId.get(id)!;
  selfByFrame.set(frameKey(node), (selfByFrame.get(frameKey(node)) ?? 0) + delta);
  selfByOrigin.set(nodeOrigin(node), (selfByOrigin.get(nodeOrigin(node)) ?? 0) + delta);
  const origins = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) origins.add(nodeOrigin(byId.get(at)!));
  for (const name of origins) totalByOrigin.set(name, (totalByOrigin.get(name) ?? 0) + delta);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = frameKey(byId.get(at)!);
    if (seen.has(key)) continue;
    seen.add(key);
    totalByFrame.set(key, (totalByFrame.get(key) ?? 0) + delta);
  }
});

const idle = [...selfByFrame].filter(([key]) => key.startsWith("(idle)")).reduce((sum, [, time]) => sum + time, 0);
const busy = sampled - idle;
const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
const share = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const perRequest = (us: number) => (options.requests ? `${(us / options.requests).toFixed(1).padStart(8)} µs/req` : "");

console.log(`${file}: ${(sampled / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy (not idle)${window.note}${options.requests ? `, ${options.requests} requests: ${(busy / options.requests / 1000).toFixed(2)} ms busy per request` : ""}`);
process.stdout.on("error", () => process.exit(0));
const table = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title} (ms, share of busy time)`);
  const rows = [...entries].filter(([key]) => !key.startsWith("(idle)") && (!options.match || key.includes(options.match))).sort((a, b) => b[1] - a[1]);
  for (const [key, time] of rows.slice(0, options.top)) console.log(`${ms(time)} ${share(time)} ${perRequest(time)}  ${key}`);
};
table("Self time by package / file", selfByOrigin);
table("Total time by package / file (anywhere on the stack; a continuation after an await starts a new stack)", totalByOrigin);
table("Self time by function", selfByFrame);
table("Total time by function (including callees)", totalByFrame);
