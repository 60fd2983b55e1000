/**
 * Columns of tenant-schema tables that hold ids of `public.users` (no foreign key can cross schemas):
 * a clone gives its users new ids and rewrites these. `tenant-references.test.ts` fails when a uuid
 * column that is neither a primary key nor a foreign key is missing here.
 */
export const TENANT_USER_REFERENCES = [
  { table: "documents", column: "uploader_id" },
  { table: "lead_notes", column: "author_id" },
  { table: "leads", column: "assignee_id" },
  { table: "leads", column: "customer_user_id" },
  { table: "leads", column: "handled_by" },
] as const;

/** Text columns of tenant-schema tables holding full object keys (`tenant_<hex>/…`): a clone re-points them at its own prefix. */
export const TENANT_OBJECT_KEY_COLUMNS = [{ table: "documents", column: "key" }] as const;
