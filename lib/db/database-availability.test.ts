import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { onRequestError } from "@/instrumentation";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { KvUnavailableError } from "@/lib/kv/kv-errors";
import { proxy } from "@/proxy";
import { appPool } from "./pools";
import { databaseAvailable, databaseUnavailableRecorded, PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS, recordDatabaseError } from "./database-availability";

const host = "localhost:3000";
const page = () => proxy(new NextRequest(`http://${host}/`, { headers: { host, accept: "text/html" } }));
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("database availability breaker", () => {
  it("stays closed for errors that do not mean the database is unreachable", async () => {
    expect(recordDatabaseError(new Error("boom"))).toBe(false);
    expect(recordDatabaseError(new AppError({ code: "not_found", message: "no" }))).toBe(false);
    // Redis down: its callers degrade, pages keep rendering.
    expect(recordDatabaseError(new KvUnavailableError("unreachable", "redis down"))).toBe(false);
    // S3 down (a photo's 503): listings keep rendering without photos.
    expect(recordDatabaseError(Object.assign(refused(), { $metadata: { attempts: 3 } }))).toBe(false);
    expect(toAppError(new TypeError("x is undefined")).code).toBe("internal");
    await onRequestError(new Error("render failed"), { path: "/", method: "GET", headers: {} }, { routerKind: "App Router", routePath: "/", routeType: "render", revalidateReason: undefined });
    expect(databaseUnavailableRecorded()).toBe(false);
    expect((await page()).status).not.toBe(503);
  });

  it("opens on an unreachable database from onRequestError, toAppError and the pools; the proxy answers pages 503 until a probe gets through", async () => {
    await onRequestError(refused(), { path: "/", method: "GET", headers: {} }, { routerKind: "App Router", routePath: "/", routeType: "render", revalidateReason: undefined });
    expect(databaseUnavailableRecorded()).toBe(true);
    // Postgres is up here: the first request's probe closes it at once.
    expect(await databaseAvailable(() => appPool().query("SELECT 1"))).toBe(true);
    expect(databaseUnavailableRecorded()).toBe(false);

    // An idle pooled connection that died (what a server shutdown does).
    appPool().emit("error", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    expect(databaseUnavailableRecorded()).toBe(true);
    expect(toAppError(refused()).code).toBe("unavailable");
    // A probe ran less than PROBE_INTERVAL_MS ago: no new one yet, so the page is refused without the database.
    const refusedPage = await page();
    expect(refusedPage.status).toBe(503);
    expect(refusedPage.headers.get("retry-after")).toBe("2");
    expect(refusedPage.headers.get("cache-control")).toBe("no-store");
    expect(refusedPage.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await refusedPage.text()).toContain("try again in a few seconds");
    // API paths keep the wrappers' JSON 503 (here the database is up, so the route is reached).
    const api = await proxy(new NextRequest(`http://${host}/api/health`, { headers: { host } }));
    expect(api.status).not.toBe(503);

    await expect.poll(async () => (await page()).status, { timeout: PROBE_INTERVAL_MS * 4, interval: 100 }).not.toBe(503);
    expect(databaseUnavailableRecorded()).toBe(false);
  });

  it("never holds a request longer than the probe's timeout, and a probe that hangs does not keep it open", async () => {
    recordDatabaseError(refused());
    let started = 0;
    const hanging = () => {
      started += 1;
      return new Promise<never>(() => undefined);
    };
    const durations: number[] = [];
    await expect
      .poll(
        async () => {
          const startedAt = Date.now();
          expect(await databaseAvailable(hanging)).toBe(false);
          durations.push(Date.now() - startedAt);
          return started;
        },
        { timeout: PROBE_INTERVAL_MS * 4, interval: 50 },
      )
      .toBe(1);
    expect(Math.max(...durations)).toBeLessThan(PROBE_TIMEOUT_MS + 500);
    expect(databaseUnavailableRecorded()).toBe(true);
    await expect.poll(() => databaseAvailable(() => appPool().query("SELECT 1")), { timeout: PROBE_INTERVAL_MS * 4, interval: 100 }).toBe(true);
  });
});
