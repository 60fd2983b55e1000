import { rm } from "node:fs/promises";
import net from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { GET as brandingGet } from "@/app/t/[tenantId]/api/tenant/branding/route";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/dev/embedded-postgres";
import { reloadEnv } from "@/lib/env/env";
import { toAppError } from "@/lib/errors/app-error";
import { useKvForProcess } from "@/lib/kv/kv";
import { flushTenantChanges, listenForTenantChanges, stopTenantChangeListener, tenantChangesSubscribed } from "@/lib/tenancy/tenant-change-bus";
import { callRoute, callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { databaseUnavailableRecorded } from "./database-availability";
import { closePools, ownerPool } from "./pools";
import { quoteIdent, tenantSchemaName } from "./schema-name";
import { disconnectSharedDb } from "./shared-client";
import { disconnectTenantClients } from "./tenant-client";
import { migrateShared } from "./migrator";

const PASSWORD = "restart-owner-password";
const DATABASE = "anchor_restart";
const dataDir = `.data/test-restart-${process.pid}`;

// This file's own server, so stopping it touches no other test file.
let server: EmbeddedPostgresHandle;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function closeConnections(): Promise<void> {
  await stopTenantChangeListener();
  await disconnectTenantClients();
  await disconnectSharedDb();
  await closePools();
}

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir, password: PASSWORD, database: DATABASE, persistent: true });
  await closeConnections();
  process.env.DATABASE_URL = server.url;
  reloadEnv();
  // Invalidation over Postgres LISTEN: the listener is one of the things that must come back.
  useKvForProcess(null);
  await migrateShared();
}, 120_000);

afterAll(async () => {
  await closeConnections();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("Postgres restarts under load", () => {
  it("requests fail fast with 503 while it is down; pools and the invalidation listener recover; no acknowledged write is lost", async () => {
    const tenant: SeededTenant = await seedTenant();
    expect(await listenForTenantChanges()).toBe("postgres");
    const host = `${tenant.slug}.localhost:3000`;
    expect((await callRoute(brandingGet, { host, path: "/api/tenant/branding" })).status).toBe(200);

    const acknowledged: string[] = [];
    const failures: { ms: number; code: string }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let index = 0; writing; index += 1) {
        const name = `write-${index}`;
        const startedAt = Date.now();
        try {
          await seedProperty(tenant.ref, { name });
          acknowledged.push(name);
        } catch (error) {
          failures.push({ ms: Date.now() - startedAt, code: toAppError(error).code });
          // Pace the retries of a client that was refused (not a wait for a condition).
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    })();

    try {
      await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      await server.stop();
      const down = Date.now();

      await expect.poll(() => failures.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
      // The listener noticed and dropped its caches, so the route needs the database and answers 503 at once.
      await expect.poll(() => tenantChangesSubscribed(), { timeout: 5_000 }).toBe(false);
      const requestedAt = Date.now();
      const whileDown = await callRouteWithHeaders(brandingGet, { host, path: "/api/tenant/branding" });
      expect(whileDown.status).toBe(503);
      expect(whileDown.json).toMatchObject({ error: "unavailable" });
      expect(Date.now() - requestedAt).toBeLessThan(2_000);
      expect(whileDown.headers.get("retry-after")).toBe("2");
      // The proxy's host lookup misses its dropped cache: a page and an API path answer 503 there, not 500.
      for (const path of ["/", "/api/v1/properties"]) {
        const proxied = await proxy(new NextRequest(`http://${host}${path}`, { headers: { host } }));
        expect(proxied.status).toBe(503);
        expect(proxied.headers.get("retry-after")).toBe("2");
      }
      // The failed requests opened the breaker: pages get the proxy's own 503 page, whatever their query would do.
      expect(databaseUnavailableRecorded()).toBe(true);
      const page = await proxy(new NextRequest(`http://${host}/`, { headers: { host, accept: "text/html" } }));
      expect(page.status).toBe(503);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(await page.text()).toContain("Temporarily unavailable");

      // Back on the same address, as a restarted server is: the pools keep their URLs.
      await expect.poll(() => portIsFree(server.port), { timeout: 10_000 }).toBe(true);
      server = await startEmbeddedPostgres({ dataDir, password: PASSWORD, database: DATABASE, persistent: true, port: server.port });
      expect(server.url).toBe(process.env.DATABASE_URL);
      const up = Date.now();
      const acknowledgedBeforeRestart = acknowledged.length;
      await expect.poll(() => acknowledged.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(acknowledgedBeforeRestart + 3);
      await expect.poll(() => tenantChangesSubscribed(), { timeout: 10_000 }).toBe(true);
      // The probe (at most one a second) closes the breaker: the page is dispatched again.
      await expect.poll(async () => (await proxy(new NextRequest(`http://${host}/`, { headers: { host } }))).status, { timeout: 5_000, interval: 200 }).not.toBe(503);
      expect(databaseUnavailableRecorded()).toBe(false);
      expect(Date.now() - up).toBeLessThan(15_000);
      expect(await flushTenantChanges()).toBe(true);
      expect((await callRoute(brandingGet, { host, path: "/api/tenant/branding" })).status).toBe(200);
      expect(up - down).toBeGreaterThan(0);
    } finally {
      writing = false;
      await writer;
    }

    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((failure) => failure.code !== "unavailable")).toEqual([]);
    expect(Math.max(...failures.map((failure) => failure.ms))).toBeLessThan(2_000);

    const { rows } = await ownerPool().query<{ name: string }>(`SELECT name FROM ${quoteIdent(tenantSchemaName(tenant.id))}.properties`);
    const stored = new Set(rows.map((row) => row.name));
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
  });
});
