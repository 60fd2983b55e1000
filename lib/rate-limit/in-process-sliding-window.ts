import { LRUCache } from "lru-cache";

export interface SlidingWindowResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms at which the current window ends. */
  reset: number;
}

interface WindowCounts {
  window: number;
  current: number;
  previous: number;
}

/**
 * The same sliding window as @upstash/ratelimit's `slidingWindow` (the previous fixed window's count
 * weighted by how much of it still overlaps, plus the current window's; a refused request is not
 * counted), kept in this process's memory for when no Redis is configured.
 */
export class InProcessSlidingWindow {
  private readonly counts = new LRUCache<string, WindowCounts>({ max: 100_000 });

  hit(key: string, limit: number, windowMs: number, now = Date.now()): SlidingWindowResult {
    const { counts, used, reset } = this.read(key, windowMs, now);
    if (used >= limit) {
      this.counts.set(key, counts);
      return { success: false, limit, remaining: 0, reset };
    }
    counts.current += 1;
    this.counts.set(key, counts);
    return { success: true, limit, remaining: Math.max(0, limit - used - 1), reset };
  }

  /** What `hit` would see, without counting anything. */
  peek(key: string, limit: number, windowMs: number, now = Date.now()): SlidingWindowResult {
    const { used, reset } = this.read(key, windowMs, now);
    return { success: used < limit, limit, remaining: Math.max(0, limit - used), reset };
  }

  private read(key: string, windowMs: number, now: number): { counts: WindowCounts; used: number; reset: number } {
    const window = Math.floor(now / windowMs);
    const stored = this.counts.peek(key);
    let counts: WindowCounts;
    if (!stored || stored.window < window - 1) counts = { window, current: 0, previous: 0 };
    else if (stored.window === window - 1) counts = { window, current: 0, previous: stored.current };
    else counts = stored;
    const previousWeight = 1 - (now % windowMs) / windowMs;
    return { counts, used: Math.floor(counts.previous * previousWeight) + counts.current, reset: (window + 1) * windowMs };
  }
}
