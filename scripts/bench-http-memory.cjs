// Preloaded into the `next start` processes by scripts/bench-http.ts (NODE_OPTIONS=--require):
// on SIGUSR2 a process writes its memory figures to $BENCH_HTTP_MEMORY_DIR/<pid>.json. Nothing else.
const { writeFileSync } = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_HTTP_MEMORY_DIR;
if (dir) {
  process.on("SIGUSR2", () => {
    const file = path.join(dir, `${process.pid}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ ...process.memoryUsage(), at: Date.now() }));
    require("node:fs").renameSync(`${file}.tmp`, file);
  });
}
