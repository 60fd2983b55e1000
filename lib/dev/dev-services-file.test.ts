import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { devServicesPath, readDevServicesFile, writeDevServicesFile } from "./dev-services-file";

const withoutDatabase = { DATABASE_URL: "", APP_DB_PASSWORD: "", PLATFORM_DB_PASSWORD: "" };

describe("the CLI beside a running npm run dev", () => {
  it("uses the services dev recorded when nothing is exported", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "anchor-dev-"));
    writeDevServicesFile(process.env, dataDir);
    const run = await spawnCli(["tenants", "list"], { ...withoutDatabase, ANCHOR_DATA_DIR: dataDir });
    expect(run.stderr).toContain("Using the services of the running `npm run dev`");
    expect(run.exitCode).toBe(0);
  });

  it("never overrides a DATABASE_URL that was exported", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "anchor-dev-"));
    writeDevServicesFile({ ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }, dataDir);
    const run = await spawnCli(["tenants", "list", "--json"], { ANCHOR_DATA_DIR: dataDir });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toContain("npm run dev");
  });

  it("says how to start dev or what to set when there is neither", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "anchor-dev-"));
    const run = await spawnCli(["tenants", "list"], { ...withoutDatabase, ANCHOR_DATA_DIR: dataDir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("no `npm run dev` is running");
    expect(run.stderr).toContain("set DATABASE_URL");
  });

  it("ignores the file of a dev that has stopped", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "anchor-dev-"));
    writeFileSync(devServicesPath(dataDir), JSON.stringify({ pid: 2 ** 22 + 1, startedAt: new Date().toISOString(), env: { DATABASE_URL: process.env.DATABASE_URL } }));
    expect(readDevServicesFile(dataDir)).toMatchObject({ found: false, reason: "stopped" });
    const run = await spawnCli(["tenants", "list"], { ...withoutDatabase, ANCHOR_DATA_DIR: dataDir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("not running in this checkout any more");
  });
});
