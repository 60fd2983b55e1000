import type { z } from "zod";

type SearchParams = Record<string, string | string[] | undefined>;

export interface IgnoredFilter<Field extends string = string> {
  field: Field;
  value: string;
  message: string;
}

/**
 * A list page's filters from its URL, through the same schema as the list's API. Where the API answers
 * 422, a page drops just the invalid fields (and names them) and shows the rest. `fixed` holds what the
 * page decides itself (page size), never read from the URL.
 */
export function readUrlFilters<Schema extends z.ZodType, Field extends string>(
  schema: Schema,
  fields: readonly Field[],
  search: SearchParams,
  fixed: Record<string, unknown> = {},
): { query: z.output<Schema>; ignored: Array<IgnoredFilter<Field>> } {
  const input: Partial<Record<Field, string>> = {};
  for (const field of fields) {
    const value = search[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") input[field] = first;
  }
  const ignored: Array<IgnoredFilter<Field>> = [];
  // Each round drops at least one field, and cross-field checks only run once every field parses.
  for (let round = 0; round <= fields.length; round += 1) {
    const parsed = schema.safeParse({ ...input, ...fixed });
    if (parsed.success) return { query: parsed.data, ignored };
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const field = fields.find((name) => name === issue.path[0]);
      const value = field ? input[field] : undefined;
      if (!field || value === undefined) continue;
      ignored.push({ field, value, message: issue.message });
      delete input[field];
      dropped = true;
    }
    if (!dropped) break;
  }
  return { query: schema.parse(fixed), ignored };
}

/** The link to another page of the same filtered list; without a cursor, its first page. */
export function listHref<Field extends string>(path: string, query: Partial<Record<Field, unknown>>, fields: readonly Field[], cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const field of fields) {
    const value = query[field];
    if (value === undefined || value === null) continue;
    params.set(field, value instanceof Date ? value.toISOString() : String(value));
  }
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
