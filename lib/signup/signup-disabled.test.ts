import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateAll } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";

beforeAll(async () => {
  await migrateAll();
});

describe("SIGNUP_ENABLED=false (a closed deployment)", () => {
  it("answers 404 on the sign-up API and the slug check, and creates nothing", async () => {
    const { stdout } = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), [path.resolve("lib/testing/signup-disabled-probe.ts")], {
      env: { ...process.env, SIGNUP_ENABLED: "false" },
    });
    expect(JSON.parse(stdout)).toEqual({ post: 404, get: 404 });
    expect((await ownerPool().query("SELECT 1 FROM public.tenants WHERE slug = 'closed-shop'")).rowCount).toBe(0);
  });
});
