// Generates the shared and tenant Prisma clients. The schema engine cannot be downloaded in every
// environment and `generate` does not need it, so any executable stands in for it.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };

for (const schema of ["prisma/shared.prisma", "prisma/tenant.prisma"]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"], env });
}
console.log("Prisma clients generated in lib/db/generated/{shared,tenant}");
