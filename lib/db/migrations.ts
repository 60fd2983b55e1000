import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export type MigrationKind = "shared" | "tenant";

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4,})_([a-z0-9_]+)\.sql$/;

/** Reads `<root>/<kind>/NNNN_name.sql`, ordered by version. */
export async function loadMigrations(root: string, kind: MigrationKind): Promise<Migration[]> {
  const dir = path.resolve(root, kind);
  const files = (await readdir(dir)).filter((file) => file.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new Error(`Migration file ${path.join(dir, file)} must be named NNNN_snake_name.sql`);
    const sql = await readFile(path.join(dir, file), "utf8");
    migrations.push({
      version: match[1]!,
      name: match[2]!,
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    });
  }
  const versions = new Set(migrations.map((migration) => migration.version));
  if (versions.size !== migrations.length) throw new Error(`Duplicate migration version in ${dir}`);
  return migrations;
}
