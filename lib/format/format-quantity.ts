/** A stored decimal as people write it: "84.00" → "84", "2.5" → "2.5", "1250.50" → "1,250.5". */
export function formatQuantity(value: string, locale = "en-GB"): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number);
}
