// Preloaded into the `next start` processes by scripts/bench-http.ts (NODE_OPTIONS=--require):
// on SIGUSR2 a process collects garbage (a full GC through the inspector, so the heap figure is what is
// retained, not what V8 has not collected yet) and writes its memory figures to $BENCH_HTTP_MEMORY_DIR/<pid>.json and, with
// $BENCH_HTTP_CPU_PROFILE_DIR set, the V8 CPU profile recorded since the previous signal.
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

if (dir) {
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `${process.pid}.json`);
    const writeMemory = () => {
      gcSession.post("HeapProfiler.collectGarbage", () => {
        writeFileSync(`${file}.tmp`, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
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
