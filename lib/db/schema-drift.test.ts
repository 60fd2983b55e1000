import { readFile } from "node:fs/promises";
import prismaInternals from "@prisma/internals";
import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { seedTenant } from "@/lib/testing/seed-tenant";

// Keeps prisma/*.prisma (what the clients believe) and prisma/migrations (what the database has) in step.

interface ColumnShape {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}
type TableShapes = Record<string, Record<string, ColumnShape>>;

interface DmmfField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
}

function pgTypeOf(field: DmmfField): string {
  const [native, args = []] = field.nativeType ?? [];
  if (native === "Uuid") return "uuid";
  if (native === "Decimal") return `numeric(${args.join(",")})`;
  if (native === "Timestamptz") return `timestamptz(${args[0] ?? 6})`;
  if (native === "SmallInt") return "int2";
  if (native === "Date") return "date";
  if (native) throw new Error(`Add a mapping for @db.${native}`);
  const scalar: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    Json: "jsonb",
    DateTime: "timestamp(3)",
    Float: "double precision",
  };
  const type = scalar[field.type];
  if (!type) throw new Error(`Add a mapping for ${field.type}`);
  return type;
}

async function prismaShapes(schemaFile: string): Promise<TableShapes> {
  const dmmf = await prismaInternals.getDMMF({ datamodel: await readFile(schemaFile, "utf8") });
  const tables: TableShapes = {};
  for (const model of dmmf.datamodel.models) {
    const columns: Record<string, ColumnShape> = {};
    for (const field of model.fields as unknown as DmmfField[]) {
      if (field.kind === "object") continue;
      columns[field.dbName ?? field.name] = { type: pgTypeOf(field), nullable: !field.isRequired, hasDefault: field.hasDefaultValue };
    }
    tables[model.dbName ?? model.name] = columns;
  }
  return tables;
}

async function databaseShapes(schema: string, ignore: string[] = []): Promise<TableShapes> {
  const { rows } = await ownerPool().query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    numeric_precision: number | null;
    numeric_scale: number | null;
    datetime_precision: number | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
            c.numeric_precision, c.numeric_scale, c.datetime_precision
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'`,
    [schema],
  );
  const tables: TableShapes = {};
  for (const row of rows) {
    if (ignore.includes(row.table_name)) continue;
    let type: string = row.udt_name;
    if (row.udt_name === "text" || row.udt_name === "uuid" || row.udt_name === "bool" || row.udt_name === "jsonb") {
      type = row.udt_name === "bool" ? "boolean" : row.udt_name;
    } else if (row.udt_name === "int4") type = "integer";
    else if (row.udt_name === "int8") type = "bigint";
    else if (row.udt_name === "float8") type = "double precision";
    else if (row.udt_name === "numeric") type = `numeric(${row.numeric_precision},${row.numeric_scale})`;
    else if (row.udt_name === "timestamptz") type = `timestamptz(${row.datetime_precision})`;
    else if (row.udt_name === "timestamp") type = `timestamp(${row.datetime_precision})`;
    (tables[row.table_name] ??= {})[row.column_name] = {
      type,
      nullable: row.is_nullable === "YES",
      hasDefault: row.column_default !== null,
    };
  }
  return tables;
}

/** Prisma may leave a default to the database (e.g. gen_random_uuid()), but never the other way round. */
function expectSameShape(database: TableShapes, prisma: TableShapes): void {
  expect(Object.keys(database).sort()).toEqual(Object.keys(prisma).sort());
  for (const [table, columns] of Object.entries(prisma)) {
    const actual = database[table]!;
    expect(Object.keys(actual).sort(), `columns of ${table}`).toEqual(Object.keys(columns).sort());
    for (const [column, shape] of Object.entries(columns)) {
      const dbColumn = actual[column]!;
      expect({ type: dbColumn.type, nullable: dbColumn.nullable }, `${table}.${column}`).toEqual({ type: shape.type, nullable: shape.nullable });
      if (shape.hasDefault) expect(dbColumn.hasDefault, `${table}.${column} needs a database default`).toBe(true);
    }
  }
}

describe("Prisma models and SQL migrations agree", () => {
  it("shared schema (public)", async () => {
    expectSameShape(await databaseShapes("public", ["schema_migrations"]), await prismaShapes("prisma/shared.prisma"));
  });

  it("tenant schema", async () => {
    const tenant = await seedTenant();
    expectSameShape(await databaseShapes(tenant.schema), await prismaShapes("prisma/tenant.prisma"));
  });
});
