import { createHash, randomBytes, randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import { TENANT_SHARED_TABLES } from "@/lib/tenants/tenant-shared-tables";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { listSchemaTables, sharedRowsCondition, stableOrder } from "./table-catalog";
import { listTenantObjects, readTenantObject } from "./tenant-files";

/** Awkward text COPY must carry exactly: tabs, newlines, backslashes, quotes, non-ASCII. */
const AWKWARD = 'tab\there\nnew line \\N not null, back\\slash "quoted" — ünïcødé 🏠';

/**
 * A tenant with rows in every table of its schema and every declared shared table, and files
 * (a binary document and a branding asset). Returns the seeded tenant and its file keys.
 */
export async function seedRichTenant(options: { properties?: number; slug?: string } = {}): Promise<SeededTenant & { files: string[] }> {
  const tenant = await seedTenant({ slug: options.slug });
  const schema = quoteIdent(tenantSchemaName(tenant.id));
  const pool = ownerPool();
  const count = options.properties ?? 5;
  const propertyIds: string[] = [];
  for (let index = 0; index < Math.min(count, 5); index++) {
    const id = randomUUID();
    propertyIds.push(id);
    await pool.query(
      `INSERT INTO ${schema}.properties (id, name, address, price, type, bedrooms, bathrooms, area, description, published, published_at)
       VALUES ($1, $2, $3, $4, 'house', $5, 1.5, 120.25, $6, $7, CASE WHEN $7 THEN now() END)`,
      [id, `Property ${index}`, `${index} Quay St`, 100000 + index, index, index === 0 ? AWKWARD : index === 1 ? null : `plain ${index}`, index % 2 === 0],
    );
  }
  if (count > 5) {
    await pool.query(
      `INSERT INTO ${schema}.properties (name, address, price, type, description) SELECT 'Bulk ' || n, n || ' Bulk St', n, 'condo', repeat('bulk ', 20) FROM generate_series(6, $1) AS n`,
      [count],
    );
  }
  await pool.query(`INSERT INTO ${schema}.transactions (property_id, kind, amount, note) VALUES ($1, 'sale', 1234.56, $2), ($1, 'fee', 12, NULL)`, [propertyIds[0], AWKWARD]);
  const files: string[] = [];
  const binary = randomBytes(200_000);
  const documentId = randomUUID();
  const documentKey = tenantObjectKey(tenant.id, "documents", `${documentId}-scan.bin`);
  await putObject(documentKey, binary, "application/octet-stream", { tenant_id: tenant.id, document_id: documentId });
  files.push(documentKey);
  await pool.query(
    `INSERT INTO ${schema}.documents (id, property_id, key, filename, content_type, size, uploader_id) VALUES ($1, $2, $3, 'scan.bin', 'application/octet-stream', $4, $5)`,
    [documentId, propertyIds[0], documentKey, binary.length, tenant.adminUserId],
  );
  const logoKey = tenantObjectKey(tenant.id, "branding", `logo-${randomBytes(8).toString("hex")}.svg`);
  await putObject(logoKey, `<svg xmlns="http://www.w3.org/2000/svg"><text>${tenant.slug} ünïcødé</text></svg>`, "image/svg+xml", { tenant_id: tenant.id, kind: "logo" });
  files.push(logoKey);
  await pool.query(`INSERT INTO ${schema}.leads (property_id, name, email, message, customer_user_id) VALUES ($1, 'Lee', 'lee@example.test', $2, $3)`, [propertyIds[1], AWKWARD, tenant.adminUserId]);
  await pool.query(`UPDATE public.tenant_settings SET logo_url = $2, feature_flags = '{"beta": true}', custom_footer_html = $3 WHERE tenant_id = $1`, [tenant.id, `/assets/${logoKey}`, AWKWARD]);
  await pool.query(
    `INSERT INTO public.handoff_tokens (token_hash, user_id, tenant_id, audience, expires_at) VALUES ($1, $2, $3, 'homes.example.test', now() + interval '1 minute')`,
    [randomBytes(16).toString("hex"), tenant.adminUserId, tenant.id],
  );
  await pool.query("INSERT INTO public.users (tenant_id, email, role, status, name) VALUES ($1, $2, 'agent', 'active', $3)", [tenant.id, `agent@${tenant.slug}.test`, AWKWARD]);
  return { ...tenant, files };
}

/**
 * Everything a restore must bring back, as comparable JSON: every table of the tenant's schema and
 * its rows in every declared shared table (each in a stable order), and every file with its SHA-256.
 */
export async function tenantFingerprint(tenantId: string, options: { sharedExclude?: string[] } = {}): Promise<Record<string, unknown>> {
  const schema = tenantSchemaName(tenantId);
  const client = await ownerPool().connect();
  const result: Record<string, unknown> = {};
  try {
    for (const table of await listSchemaTables(client, schema)) {
      const { rows } = await client.query(`SELECT to_jsonb(t) AS row FROM ${quoteIdent(schema)}.${quoteIdent(table.name)} t ORDER BY ${stableOrder(table)}`);
      result[table.name] = rows.map((row: { row: unknown }) => row.row);
    }
    const shared = new Map((await listSchemaTables(client, "public")).map((table) => [table.name, table]));
    for (const entry of TENANT_SHARED_TABLES) {
      if (options.sharedExclude?.includes(entry.table)) continue;
      const table = shared.get(entry.table)!;
      const { rows } = await client.query(`SELECT to_jsonb(t) AS row FROM public.${quoteIdent(entry.table)} t WHERE ${sharedRowsCondition(entry, tenantId)} ORDER BY ${stableOrder(table)}`);
      result[`public.${entry.table}`] = rows.map((row: { row: unknown }) => row.row);
    }
  } finally {
    client.release();
  }
  const files: Record<string, string> = {};
  for (const object of await listTenantObjects(tenantId)) {
    const read = await readTenantObject(tenantId, object.name);
    const bytes = await buffer(read.body);
    files[object.name] = `${createHash("sha256").update(bytes).digest("hex")} ${read.contentType} ${JSON.stringify(read.metadata)}`;
  }
  result.files = files;
  return result;
}
