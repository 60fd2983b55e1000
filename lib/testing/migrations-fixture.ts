import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of prisma/migrations plus extra tenant migrations, for tests that change the schema; removed after the file's tests. */
export async function migrationsWithExtraTenantFiles(extra: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "anchor-migrations-"));
  created.push(root);
  await cp(path.resolve("prisma/migrations"), root, { recursive: true });
  for (const [file, sql] of Object.entries(extra)) await writeFile(path.join(root, "tenant", file), sql);
  return root;
}
