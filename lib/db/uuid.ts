const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A row id as Postgres prints a uuid (lower-case, dashed); anything else can name no row and is checked before a query. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
