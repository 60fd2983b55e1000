// Preloaded into the `next start` processes by scripts/bench-http.ts (NODE_OPTIONS=--require):
// on SIGUSR2 a process collects garbage (a full GC through the inspector, so the heap figure is what is
// retained, not what V8 has not collected yet) and writes its memory figures to $BENCH_HTTP_MEMORY_DIR/<pid>.json and, with
// $BENCH_HTTP_CPU_PROFILE_DIR set, the V8 CPU profile recorded since the previous signal. With the figures go the
// garbage collections since the previous signal (PerformanceObserver 'gc': count, total and longest pause, and
// how many paused ≥ 50 ms), the forced one excluded.
const { renameSync, writeFileSync, mkdirSync } = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_HTTP_MEMORY_DIR;
const profileDir = process.env.BENCH_HTTP_CPU_PROFILE_DIR;
let session = null;
if (dir && profileDir) {
  const { Session } = require("node:inspector");
  session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
}

let gcSession = null;
if (dir) {
  const { Session } = require("node:inspector");
  gcSession = new Session();
  gcSession.connect();
}

const gc = { count: 0, totalMs: 0, maxMs: 0, over50Ms: 0, majorCount: 0, majorMaxMs: 0 };
let forcing = false;
if (dir) {
  const { PerformanceObserver, constants } = require("node:perf_hooks");
  new PerformanceObserver((list) => {
    if (forcing) return;
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if (entry.duration >= 50) gc.over50Ms += 1;
      if (entry.detail && entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majorCount += 1;
        gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
      }
    }
  }).observe({ entryTypes: ["gc"] });
}

if (dir) {
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `${process.pid}.json`);
    const writeMemory = () => {
      const since = { ...gc };
      Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0, over50Ms: 0, majorCount: 0, majorMaxMs: 0 });
      forcing = true;
      gcSession.post("HeapProfiler.collectGarbage", () => {
        // The observer is told asynchronously: the forced collection's entry arrives after this callback.
        setTimeout(() => (forcing = false), 100);
        writeFileSync(`${file}.tmp`, JSON.stringify({ ...process.memoryUsage(), gc: since, at: Date.now() }));
        renameSync(`${file}.tmp`, file);
      });
    };
    if (!session) return writeMemory();
    session.post("Profiler.stop", (error, result) => {
      if (!error) {
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(path.join(profileDir, `${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
      }
      session.post("Profiler.start");
      writeMemory();
    });
  });
}
