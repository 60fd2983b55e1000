import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What `npm run dev` started, so the CLI in the same checkout can use it with nothing exported. */
export const DEV_SERVICE_VARIABLES = [
  "DATABASE_URL",
  "APP_DB_PASSWORD",
  "PLATFORM_DB_PASSWORD",
  "S3_ENDPOINT",
  "S3_BUCKET",
  "REDIS_URL",
  "APP_ROOT_DOMAIN",
  "MAIL_OUTBOX_DIR",
  "AUTH_SECRET",
] as const;

type DevServiceVariable = (typeof DEV_SERVICE_VARIABLES)[number];

export interface DevServicesFile {
  pid: number;
  startedAt: string;
  env: Partial<Record<DevServiceVariable, string>>;
}

export function devDataDir(): string {
  return path.resolve(process.env.ANCHOR_DATA_DIR ?? ".data");
}

export function devServicesPath(dataDir = devDataDir()): string {
  return path.join(dataDir, "dev-services.json");
}

/** Written by `npm run dev` once its services answer (mode 0600: it holds the dev database passwords). */
export function writeDevServicesFile(source: NodeJS.ProcessEnv, dataDir = devDataDir()): void {
  const entries = DEV_SERVICE_VARIABLES.flatMap((name) => (source[name] ? [[name, source[name]] as const] : []));
  const file: DevServicesFile = { pid: process.pid, startedAt: new Date().toISOString(), env: Object.fromEntries(entries) };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(devServicesPath(dataDir), JSON.stringify(file, null, 2), { mode: 0o600 });
}

export function removeDevServicesFile(dataDir = devDataDir()): void {
  rmSync(devServicesPath(dataDir), { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type DevServicesLookup = { found: true; file: DevServicesFile; path: string } | { found: false; reason: "absent" | "stopped"; path: string };

/** The running dev's services, if its file exists and its process is still alive. */
export function readDevServicesFile(dataDir = devDataDir()): DevServicesLookup {
  const file = devServicesPath(dataDir);
  if (!existsSync(file)) return { found: false, reason: "absent", path: file };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as DevServicesFile;
  if (!processAlive(parsed.pid)) return { found: false, reason: "stopped", path: file };
  return { found: true, file: parsed, path: file };
}

/** Fills every variable the caller left unset from the running dev; never overrides what was exported. */
export function applyDevServices(target: NodeJS.ProcessEnv, file: DevServicesFile): void {
  for (const name of DEV_SERVICE_VARIABLES) {
    const value = file.env[name];
    if (value !== undefined && !target[name]) target[name] = value;
  }
}
