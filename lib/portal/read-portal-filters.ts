import { listHref, readUrlFilters, type IgnoredFilter } from "@/lib/http/read-url-filters";
import { PORTAL_FILTER_FIELDS, portalPropertyQuerySchema, type ParsedPortalPropertyQuery, type PortalFilterField } from "./portal-property-schema";

type SearchParams = Record<string, string | string[] | undefined>;

const READ_FIELDS = [...PORTAL_FILTER_FIELDS, "cursor"] as const;

export interface PortalFilters {
  query: ParsedPortalPropertyQuery;
  /** What the URL asked for but the schema refused; the listing runs without these. */
  ignored: Array<IgnoredFilter<PortalFilterField | "cursor">>;
}

/** The portal home's filters from its URL, through the portal API's schema (see readUrlFilters). */
export function readPortalFilters(search: SearchParams, pageSize: number): PortalFilters {
  return readUrlFilters(portalPropertyQuerySchema, READ_FIELDS, search, { limit: pageSize });
}

/** The link to another page of the same filtered listing (no cursor: the first page). */
export function portalListingHref(query: ParsedPortalPropertyQuery, cursor?: string | null): string {
  return listHref("/", query, PORTAL_FILTER_FIELDS, cursor);
}

export function hasPortalFilters(query: ParsedPortalPropertyQuery): boolean {
  return PORTAL_FILTER_FIELDS.some((field) => query[field] !== undefined);
}
