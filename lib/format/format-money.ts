/** Money in the tenant's currency: "€425,000", or "€1,250.50" when there are cents. Amounts arrive as decimal strings (never floats from the DB). */
export function formatMoney(amount: string | number, currency: string, locale = "en-GB"): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 }).format(value);
}
