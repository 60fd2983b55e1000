import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./format-date";
import { formatMoney } from "./format-money";

describe("tenant formatters", () => {
  const instant = "2026-11-27T23:30:00.000Z";

  it("shows Berlin time for a Berlin tenant (next day after 23:00 UTC in winter)", () => {
    expect(formatDateTime(instant, { timezone: "Europe/Berlin", dateFormat: "dd.MM.yyyy" })).toBe("28.11.2026 00:30");
    expect(formatDateTime(instant, { timezone: "UTC", dateFormat: "yyyy-MM-dd" })).toBe("2026-11-27 23:30");
    expect(formatDate(instant, { timezone: "America/New_York", dateFormat: "MMM d, yyyy" })).toBe("Nov 27, 2026");
    expect(formatDate("2026-03-05T12:00:00Z", { timezone: "UTC", dateFormat: "d MMM yyyy" })).toBe("5 Mar 2026");
    expect(formatDate("2026-03-05T12:00:00Z", { timezone: "UTC", dateFormat: "MM/dd/yyyy" })).toBe("03/05/2026");
  });

  it("formats money in the tenant's currency", () => {
    expect(formatMoney("425000.00", "EUR")).toBe("€425,000");
    expect(formatMoney("425000.5", "USD")).toBe("US$425,000.50");
    expect(formatMoney(1250, "GBP")).toBe("£1,250");
    expect(formatMoney("1250.05", "GBP")).toBe("£1,250.05");
    expect(formatMoney("1000", "JPY")).toBe("JP¥1,000");
  });
});
