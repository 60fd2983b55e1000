// Preloaded into the `next start` processes by scripts/bench-http.ts (NODE_OPTIONS=--require):
// on SIGUSR2 a process collects garbage (a full GC through the inspector, so the heap figure is what is
// retained, not what V8 has not collected yet) and writes its memory figures to $BENCH_HTTP_MEMORY_DIR/<pid>.json and, with
// $BENCH_HTTP_CPU_PROFILE_DIR set, the V8 CPU profile recorded since the previous signal. With the figures go the
// garbage collections since the previous signal (PerformanceObserver 'gc': count, total and longest pause, and
// how many paused ≥ 50 ms), the forced one excluded, and the wall-clock times of the pauses ≥ 20 ms and of every
// major one (the last 2,000), so the bench can tell which pauses fell inside which timed row.
const { renameSync, writeFileSync, mkdirSync } = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

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

// With $BENCH_HTTP_HEAP_SAMPLE_DIR set, V8's sampling heap profiler runs too, keeping the samples of objects that
// survived the young generation (live ones and those a major GC freed, not those a scavenge freed): each signal
// writes `<pid>-<ms>.heapprofile`, where the old generation's growth is allocated.
const heapSampleDir = process.env.BENCH_HTTP_HEAP_SAMPLE_DIR;
let heapSession = null;
const startHeapSampling = () =>
  heapSession.post("HeapProfiler.startSampling", { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
if (dir && heapSampleDir) {
  const { Session } = require("node:inspector");
  heapSession = new Session();
  heapSession.connect();
  heapSession.post("HeapProfiler.enable");
  startHeapSampling();
}

let gcSession = null;
if (dir) {
  const { Session } = require("node:inspector");
  gcSession = new Session();
  gcSession.connect();
}

const gc = { count: 0, totalMs: 0, maxMs: 0, over50Ms: 0, majorCount: 0, majorMaxMs: 0 };
/** @type {Array<{ at: number; ms: number; major: boolean }>} */
let pauses = [];
/** performance.now() spans of the forced collections: the observer is told of GCs later, so entries are matched by their start. */
let forced = [];
const wasForced = (entry) => forced.some((span) => entry.startTime >= span.from && entry.startTime <= span.to);
if (dir) {
  const { PerformanceObserver, constants } = require("node:perf_hooks");
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (wasForced(entry)) continue;
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if (entry.duration >= 50) gc.over50Ms += 1;
      const major = Boolean(entry.detail && entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
      if (major) {
        gc.majorCount += 1;
        gc.majorMaxMs = Math.max(gc.majorMaxMs, entry.duration);
      }
      if (major || entry.duration >= 20) {
        pauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, major });
        if (pauses.length > 2_000) pauses = pauses.slice(-2_000);
      }
    }
  }).observe({ entryTypes: ["gc"] });
}

if (dir) {
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `${process.pid}.json`);
    const writeMemory = () => {
      const since = { ...gc, pauses };
      pauses = [];
      Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0, over50Ms: 0, majorCount: 0, majorMaxMs: 0 });
      const span = { from: performance.now(), to: Infinity };
      forced = [...forced.slice(-10), span];
      gcSession.post("HeapProfiler.collectGarbage", () => {
        // It may run several collections, all before this callback.
        span.to = performance.now();
        writeFileSync(`${file}.tmp`, JSON.stringify({ ...process.memoryUsage(), gc: since, at: Date.now() }));
        renameSync(`${file}.tmp`, file);
      });
    };
    if (heapSession) {
      heapSession.post("HeapProfiler.stopSampling", (error, result) => {
        if (!error) {
          mkdirSync(heapSampleDir, { recursive: true });
          writeFileSync(path.join(heapSampleDir, `${process.pid}-${Date.now()}.heapprofile`), JSON.stringify(result.profile));
        }
        startHeapSampling();
      });
    }
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
