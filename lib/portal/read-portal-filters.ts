import { PORTAL_FILTER_FIELDS, portalPropertyQuerySchema, type ParsedPortalPropertyQuery } from "./portal-property-schema";

type SearchParams = Record<string, string | string[] | undefined>;

const READ_FIELDS = [...PORTAL_FILTER_FIELDS, "cursor"] as const;
type ReadField = (typeof READ_FIELDS)[number];

export interface IgnoredFilter {
  field: ReadField;
  value: string;
  message: string;
}

export interface PortalFilters {
  query: ParsedPortalPropertyQuery;
  /** What the URL asked for but the schema refused; the listing runs without these. */
  ignored: IgnoredFilter[];
}

/**
 * The portal home's filters from its URL, through the same schema as the portal API. Where the API
 * answers 422, a page drops just the invalid fields (and says so) and shows the rest.
 */
export function readPortalFilters(search: SearchParams, pageSize: number): PortalFilters {
  const input: Partial<Record<ReadField, string>> = {};
  for (const field of READ_FIELDS) {
    const value = search[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") input[field] = first;
  }
  const ignored: IgnoredFilter[] = [];
  // Each round drops at least one field, and the cross-field check only runs once every field parses.
  for (let round = 0; round <= READ_FIELDS.length; round += 1) {
    const parsed = portalPropertyQuerySchema.safeParse({ ...input, limit: pageSize });
    if (parsed.success) return { query: parsed.data, ignored };
    for (const issue of parsed.error.issues) {
      const field = READ_FIELDS.find((name) => name === issue.path[0]);
      const value = field ? input[field] : undefined;
      if (!field || value === undefined) continue;
      ignored.push({ field, value, message: issue.message });
      delete input[field];
    }
  }
  return { query: portalPropertyQuerySchema.parse({ limit: pageSize }), ignored };
}

/** The link to another page of the same filtered listing (no cursor: the first page). */
export function portalListingHref(query: ParsedPortalPropertyQuery, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const field of PORTAL_FILTER_FIELDS) if (query[field] !== undefined) params.set(field, String(query[field]));
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

export function hasPortalFilters(query: ParsedPortalPropertyQuery): boolean {
  return PORTAL_FILTER_FIELDS.some((field) => query[field] !== undefined);
}
