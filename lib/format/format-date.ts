export interface DateSettings {
  timezone: string;
  dateFormat: string;
}

type Part = "year" | "month" | "day" | "hour" | "minute";

function partsIn(date: Date, timeZone: string): Record<Part | "monthShort", string> {
  const numeric = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const pick = (type: Part) => numeric.find((part) => part.type === type)?.value ?? "";
  const monthShort = new Intl.DateTimeFormat("en-GB", { timeZone, month: "short" }).format(date);
  return { year: pick("year"), month: pick("month"), day: pick("day"), hour: pick("hour"), minute: pick("minute"), monthShort };
}

/** A date in the tenant's time zone and date format (the patterns of DATE_FORMATS: yyyy, MM, MMM, dd, d). */
export function formatDate(value: string | Date, settings: DateSettings): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = partsIn(date, settings.timezone);
  return settings.dateFormat.replace(/yyyy|MMM|MM|dd|d/g, (token) => {
    switch (token) {
      case "yyyy":
        return parts.year;
      case "MMM":
        return parts.monthShort;
      case "MM":
        return parts.month;
      case "dd":
        return parts.day;
      default:
        return String(Number(parts.day));
    }
  });
}

/** Date and 24-hour time in the tenant's time zone, e.g. "27.11.2026 15:04". */
export function formatDateTime(value: string | Date, settings: DateSettings): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = partsIn(date, settings.timezone);
  return `${formatDate(date, settings)} ${parts.hour}:${parts.minute}`;
}
