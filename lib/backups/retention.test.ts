import { describe, expect, it } from "vitest";
import { decideRetention, isDue, retentionFor } from "./retention";

/** One backup a day at 02:00 UTC from `from` to `to` (inclusive), like the cron schedule. */
function dailyCalendar(from: string, to: string): Array<{ id: string; createdAt: string }> {
  const backups = [];
  for (let day = Date.parse(`${from}T02:00:00.000Z`); day <= Date.parse(`${to}T02:00:00.000Z`); day += 86_400_000) {
    const createdAt = new Date(day).toISOString();
    backups.push({ id: `b-${createdAt.slice(0, 10)}`, createdAt });
  }
  return backups;
}

const kept = (decision: ReturnType<typeof decideRetention>) => decision.keep.map((each) => each.backup.id).sort();

describe("retention on a synthetic calendar", () => {
  const now = new Date("2026-12-01T03:00:00.000Z");
  const twoYears = dailyCalendar("2024-12-01", "2026-12-01");

  it("standard keeps the last 7 days", () => {
    const decision = decideRetention(twoYears, retentionFor("standard"), now);
    expect(kept(decision)).toEqual(dailyCalendar("2026-11-24", "2026-12-01").slice(1).map((each) => each.id));
    expect(decision.prune).toHaveLength(twoYears.length - 7);
  });

  it("professional keeps 30 days", () => {
    expect(kept(decideRetention(twoYears, retentionFor("professional"), now))).toEqual(dailyCalendar("2026-11-01", "2026-12-01").slice(1).map((each) => each.id));
  });

  it("enterprise keeps 90 days plus each month's first backup for a year", () => {
    const decision = decideRetention(twoYears, retentionFor("enterprise"), now);
    const monthlies = decision.keep.filter((each) => each.reason === "monthly").map((each) => each.backup.id);
    // 2026-09-01 is older than 90 days (by a day) but a monthly; 2025-12-01 is a year and an hour old.
    expect(monthlies).toEqual(["b-2026-09-01", "b-2026-08-01", "b-2026-07-01", "b-2026-06-01", "b-2026-05-01", "b-2026-04-01", "b-2026-03-01", "b-2026-02-01", "b-2026-01-01"]);
    expect(decision.keep.filter((each) => each.reason !== "monthly")).toHaveLength(90);
    expect(decision.prune.map((each) => each.id)).toEqual(expect.arrayContaining(["b-2025-12-01", "b-2026-09-02", "b-2026-08-02"]));
  });

  it("always keeps the minimum count, however old", () => {
    const old = [{ id: "a", createdAt: "2020-01-01T00:00:00.000Z" }, { id: "b", createdAt: "2020-02-01T00:00:00.000Z" }, { id: "c", createdAt: "2020-03-01T00:00:00.000Z" }, { id: "d", createdAt: "2019-01-01T00:00:00.000Z" }];
    const decision = decideRetention(old, retentionFor("standard"), now);
    expect(kept(decision)).toEqual(["a", "b", "c"]);
    expect(decision.prune.map((each) => each.id)).toEqual(["d"]);
    expect(decideRetention([], retentionFor("standard"), now)).toEqual({ keep: [], prune: [] });
  });

  it("unknown plans get the standard policy; a tenant is due a day after its newest backup", () => {
    expect(retentionFor("no-such-plan")).toEqual(retentionFor("standard"));
    expect(isDue(undefined, retentionFor("standard"), now)).toBe(true);
    expect(isDue("2026-11-30T03:30:00.000Z", retentionFor("standard"), now)).toBe(true);
    expect(isDue("2026-11-30T05:00:00.000Z", retentionFor("standard"), now)).toBe(false);
  });
});
