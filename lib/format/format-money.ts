/** Money in the tenant's currency, e.g. "€425,000.00". Amounts arrive as decimal strings (never floats from the DB). */
export function formatMoney(amount: string | number, currency: string, locale = "en-GB"): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
}
