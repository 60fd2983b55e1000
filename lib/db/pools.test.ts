import { afterAll, describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors/app-error";
import { appPool, closePools, ownerPool } from "./pools";

afterAll(() => closePools());

describe("pools", () => {
  it("a checked-out client whose server connection is killed between queries raises no uncaught error; its next query answers unavailable and the pool replaces it", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    try {
      const client = await appPool().connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // "end", not "error": a listener of the test's own would hide what is tested.
      const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
      // What a Postgres shutdown or restart sends every backend (57P01), while this client has no query running.
      await ownerPool().query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await ended;

      const failure = await client.query("SELECT 1").then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(toAppError(failure).code).toBe("unavailable");
      client.release(failure instanceof Error ? failure : undefined);

      const again = await appPool().query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", record);
    }
  });
});
