import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/shared/client";
import { appPool } from "./pools";

export type SharedClient = PrismaClient;

const CLIENT_KEY = Symbol.for("asset-anchor.shared-client");
type GlobalWithClient = typeof globalThis & { [CLIENT_KEY]?: PrismaClient };
const globalWithClient = globalThis as GlobalWithClient;

/** Prisma client for the shared `public` schema, on the app role's pool. */
export function sharedDb(): SharedClient {
  return (globalWithClient[CLIENT_KEY] ??= new PrismaClient({
    adapter: new PrismaPg(appPool(), { schema: "public" }),
  }));
}

export async function disconnectSharedDb(): Promise<void> {
  const client = globalWithClient[CLIENT_KEY];
  delete globalWithClient[CLIENT_KEY];
  await client?.$disconnect();
}
