import { describe, expect, it } from "vitest";
import { InProcessSlidingWindow } from "./in-process-sliding-window";

// The store used when no Redis is configured: peek reads what hit would see and counts nothing.

describe("InProcessSlidingWindow.peek", () => {
  it("shows N used after N hits, does not count, and weighs the previous window like hit", () => {
    const store = new InProcessSlidingWindow();
    const start = 60_000 * 1_000 + 1_000;
    expect(store.peek("a", 10, 60_000, start)).toEqual({ success: true, limit: 10, remaining: 10, reset: 60_000 * 1_001 });
    for (let hit = 0; hit < 4; hit += 1) store.hit("a", 10, 60_000, start);
    for (let peek = 0; peek < 3; peek += 1) expect(store.peek("a", 10, 60_000, start).remaining).toBe(6);
    expect(store.hit("a", 10, 60_000, start).remaining).toBe(5);
    // Half-way through the next window, half of the previous window's 5 still count (floored).
    expect(store.peek("a", 10, 60_000, start + 59_000 + 30_000).remaining).toBe(8);
    expect(store.peek("b", 10, 60_000, start).remaining).toBe(10);
  });
});
