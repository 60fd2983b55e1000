import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { redisServerOnPath, startEmbeddedRedis } from "./embedded-redis";

describe("npm run dev's redis-server", () => {
  it("starts on a free port with its data under the given dir, and stops", async () => {
    expect(redisServerOnPath()).toBe(true);
    const dir = await mkdtemp(path.join(tmpdir(), "anchor-dev-redis-"));
    const redis = await startEmbeddedRedis(dir);
    try {
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const client = createClient({ url: redis.url });
      await client.connect();
      await client.set("dev-key", "1");
      expect(await client.get("dev-key")).toBe("1");
      await client.sendCommand(["SAVE"]);
      await client.quit();
      expect(await readdir(dir)).toContain("dump.rdb");
    } finally {
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
