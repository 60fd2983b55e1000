import { describe, expect, it } from "vitest";
import { propertyListQuerySchema } from "@/lib/properties/property-schema";
import { transactionListQuerySchema } from "@/lib/transactions/transaction-schema";
import { listHref, readUrlFilters } from "./read-url-filters";

const PROPERTY_FIELDS = ["q", "status", "type", "minPrice", "maxPrice", "sort", "cursor"] as const;

describe("readUrlFilters", () => {
  it("keeps valid filters and names each invalid one with the schema's message", () => {
    const { query, ignored } = readUrlFilters(propertyListQuerySchema, PROPERTY_FIELDS, { q: " loft ", status: "haunted", minPrice: "abc", sort: "price_desc" }, { limit: 25 });
    expect(query).toMatchObject({ q: "loft", sort: "price_desc", limit: 25 });
    expect(query.status).toBeUndefined();
    expect(query.minPrice).toBeUndefined();
    expect(ignored.map(({ field, value }) => [field, value])).toEqual([
      ["status", "haunted"],
      ["minPrice", "abc"],
    ]);
  });

  it("runs cross-field checks once the fields parse, and drops only the field they name", () => {
    const { query, ignored } = readUrlFilters(propertyListQuerySchema, PROPERTY_FIELDS, { minPrice: "9", maxPrice: "1" }, { limit: 25 });
    expect(query.minPrice).toBe(9);
    expect(query.maxPrice).toBeUndefined();
    expect(ignored).toEqual([{ field: "maxPrice", value: "1", message: "maxPrice cannot be below minPrice" }]);
  });

  it("never reads what the page fixes (page size) from the URL, and takes the first of repeated parameters", () => {
    const { query, ignored } = readUrlFilters(transactionListQuerySchema, ["status", "kind", "from", "to", "cursor"], { limit: "100000", status: ["completed", "pending"], from: "2026-11-01" }, { limit: 50 });
    expect(query).toMatchObject({ limit: 50, status: "completed", from: new Date("2026-11-01T00:00:00Z") });
    expect(ignored).toEqual([]);
  });
});

describe("listHref", () => {
  it("writes the set filters (dates as ISO) and the cursor, and is the bare path without either", () => {
    expect(listHref("/dashboard/transactions", { status: "pending", kind: undefined, from: new Date("2026-11-01T00:00:00Z") }, ["status", "kind", "from"], "abc")).toBe(
      "/dashboard/transactions?status=pending&from=2026-11-01T00%3A00%3A00.000Z&cursor=abc",
    );
    expect(listHref("/dashboard/leads", { status: undefined }, ["status"])).toBe("/dashboard/leads");
  });
});
