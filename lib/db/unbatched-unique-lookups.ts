/**
 * Prisma's dataloader merges same-tick findUnique calls of one client into one SQL statement (batch key:
 * model, argument names and selection — never the values, never the caller's async context), executed in
 * the async context of the first caller. On a client shared by all tenants, that would run one tenant's
 * lookup in another tenant's schema. Outside transactions (where the batch key is the transaction, so one
 * tenant's) findUnique therefore runs as findFirst with the same filter, which Prisma never batches.
 */

const UNIQUE_TO_FIRST = { findUnique: "findFirst", findUniqueOrThrow: "findFirstOrThrow" } as const;

/** The part of Prisma's request that its query-extension chain passes along (runtime/client.js). */
interface InternalParams {
  action: string;
  clientMethod: string;
  transaction?: unknown;
}

function isInternalParams(value: unknown): value is InternalParams {
  if (typeof value !== "object" || value === null) return false;
  const params = value as Record<string, unknown>;
  return typeof params.action === "string" && typeof params.clientMethod === "string" && "transaction" in params;
}

/** `{ a_b: { a, b } }` (a compound @@id/@@unique selector) becomes `{ a, b }`; other filters stay. */
export function uniqueWhereAsFilter(where: Record<string, unknown>): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    if (isCompoundSelector(key, value)) Object.assign(filter, value);
    else filter[key] = value;
  }
  return filter;
}

function isCompoundSelector(key: string, value: unknown): value is Record<string, unknown> {
  if (!key.includes("_") || typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const fields = key.split("_").sort();
  const given = Object.keys(value).sort();
  return fields.length === given.length && fields.every((field, index) => field === given[index]);
}

interface OperationParams {
  operation: string;
  args: unknown;
  query: (args: unknown, internal?: InternalParams) => Promise<unknown>;
}

/** For `$allOperations` of a client shared by tenants: the lookup, never merged with another caller's. */
export function runUnbatched(params: OperationParams): Promise<unknown> {
  const { operation, args, query } = params;
  if (operation !== "findUnique" && operation !== "findUniqueOrThrow") return query(args);
  const internal: unknown = (params as unknown as { __internalParams?: unknown }).__internalParams;
  // Fails closed if a Prisma upgrade changes what the extension chain passes along.
  if (!isInternalParams(internal)) throw new Error("Prisma's query-extension parameters changed: findUnique cannot be kept out of cross-tenant batches");
  if (internal.transaction !== undefined) return query(args);
  const action = UNIQUE_TO_FIRST[operation];
  const { where, ...rest } = args as { where: Record<string, unknown> };
  return query({ ...rest, where: uniqueWhereAsFilter(where) }, { ...internal, action, clientMethod: internal.clientMethod.replace(operation, action) });
}
