import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A copy of prisma/migrations plus extra tenant migrations, for tests that change the schema. */
export async function migrationsWithExtraTenantFiles(extra: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "anchor-migrations-"));
  await cp(path.resolve("prisma/migrations"), root, { recursive: true });
  for (const [file, sql] of Object.entries(extra)) await writeFile(path.join(root, "tenant", file), sql);
  return root;
}
