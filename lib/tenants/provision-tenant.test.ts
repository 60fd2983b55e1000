import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password-hash";
import { hashPasswordToken } from "@/lib/auth/password-token";
import { loadMigrations } from "@/lib/db/migrations";
import { ownerPool } from "@/lib/db/pools";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { testDatabase } from "@/lib/testing/database-per-file";
import { provisionTenant } from "./provision-tenant";

async function schemaExists(schema: string): Promise<boolean> {
  const { rowCount } = await ownerPool().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return rowCount === 1;
}

async function tenantSchemaCount(): Promise<number> {
  const { rows } = await ownerPool().query<{ n: number }>("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'");
  return rows[0]!.n;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("provisionTenant", () => {
  it("creates an active tenant with schema, owner, settings, set-password token and welcome mail", async () => {
    const tenant = await provisionTenant({ name: "Acme Realty", slug: "acme", adminEmail: "Owner@Acme.Test" });

    expect(tenant).toMatchObject({ slug: "acme", status: "active", adminEmail: "owner@acme.test", plan: "standard" });
    expect(tenant.schema).toBe(`tenant_${tenant.id.replaceAll("-", "")}`);
    expect(await schemaExists(tenant.schema)).toBe(true);

    const row = await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id }, include: { users: true, settings: true } });
    expect(row.status).toBe("active");
    expect(row.users).toHaveLength(1);
    expect(row.users[0]).toMatchObject({ email: "owner@acme.test", role: "owner", status: "invited", passwordHash: null });
    expect(row.settings).toMatchObject({ timezone: "UTC", currency: "USD" });

    const url = new URL(tenant.setPasswordUrl);
    expect(url.origin).toBe("http://acme.localhost:3000");
    expect(url.pathname).toBe("/set-password");
    const token = url.searchParams.get("token")!;
    const stored = await sharedDb().passwordToken.findUniqueOrThrow({ where: { tokenHash: hashPasswordToken(token) } });
    expect(stored).toMatchObject({ userId: tenant.adminUserId, purpose: "set_password", usedAt: null });
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(55 * 60 * 1000);
    expect(stored.tokenHash).not.toContain(token);

    const outbox = await readdir(testDatabase.outboxDir);
    const mail = await readFile(path.join(testDatabase.outboxDir, outbox.find((file) => file.includes("owner@acme.test"))!), "utf8");
    expect(mail).toContain("To: owner@acme.test");
    expect(mail.replace(/=\r?\n/g, "")).toContain(token.slice(0, 20));
  });

  it("hashes an admin password given up front and activates the owner", async () => {
    const tenant = await provisionTenant({ name: "Pw Realty", slug: "pw-realty", adminEmail: "o@pw.test", adminPassword: "correct horse battery" }, { sendWelcome: false });
    const owner = await sharedDb().user.findUniqueOrThrow({ where: { id: tenant.adminUserId } });
    expect(owner.status).toBe("active");
    expect(owner.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(owner.passwordHash!, "correct horse battery")).toBe(true);
  });

  it.each([
    [{ name: "Bad", slug: "Bad Slug", adminEmail: "a@b.test" }, "slug"],
    [{ name: "Bad", slug: "admin", adminEmail: "a@b.test" }, "slug"],
    [{ name: "Bad", slug: "ab", adminEmail: "a@b.test" }, "slug"],
    [{ name: "Bad", slug: "fine-slug", adminEmail: "not-an-email" }, "adminEmail"],
    [{ name: "", slug: "fine-slug", adminEmail: "a@b.test" }, "name"],
    [{ name: "Fine", slug: "fine-slug", adminEmail: "a@b.test", adminPassword: "short" }, "adminPassword"],
    [{ name: "Fine", slug: "fine-slug", adminEmail: "a@b.test", plan: "platinum" }, "plan"],
  ])("refuses %o with a field error on %s and creates nothing", async (input, field) => {
    const before = await sharedDb().tenant.count();
    const schemas = await tenantSchemaCount();
    const error = await rejection(provisionTenant(input, { sendWelcome: false }));
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(await sharedDb().tenant.count()).toBe(before);
    expect(await tenantSchemaCount()).toBe(schemas);
  });

  it("refuses a duplicate slug with a conflict and leaves the first tenant alone", async () => {
    const first = await provisionTenant({ name: "Dup One", slug: "dup", adminEmail: "a@dup.test" }, { sendWelcome: false });
    const error = await rejection(provisionTenant({ name: "Dup Two", slug: "dup", adminEmail: "b@dup.test" }, { sendWelcome: false }));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("already taken");
    const rows = await sharedDb().tenant.findMany({ where: { slug: "dup" }, include: { users: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, name: "Dup One", status: "active" });
    expect(rows[0]!.users.map((user) => user.email)).toEqual(["a@dup.test"]);
  });

  it("two simultaneous creates of one slug: exactly one wins", async () => {
    const results = await Promise.allSettled([
      provisionTenant({ name: "Race A", slug: "race", adminEmail: "a@race.test" }, { sendWelcome: false }),
      provisionTenant({ name: "Race B", slug: "race", adminEmail: "b@race.test" }, { sendWelcome: false }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await sharedDb().tenant.count({ where: { slug: "race" } })).toBe(1);
    expect(await sharedDb().user.count({ where: { tenant: { slug: "race" } } })).toBe(1);
  });

  it("a failure mid-provisioning rolls everything back: no tenant, no schema, slug free again", async () => {
    const migrations = await loadMigrations("prisma/migrations", "tenant");
    const broken = [...migrations, { version: "9999", name: "broken", sql: "CREATE TABLE properties (id int);", checksum: "x" }];
    const schemas = await tenantSchemaCount();

    const error = await rejection(provisionTenant({ name: "Half", slug: "half", adminEmail: "a@half.test" }, { tenantMigrations: broken, sendWelcome: false }));
    expect(error.code).toBe("internal");
    expect(error.message).toContain("rolled back");
    expect(await sharedDb().tenant.findUnique({ where: { slug: "half" } })).toBeNull();
    expect(await sharedDb().user.count({ where: { email: "a@half.test" } })).toBe(0);
    expect(await tenantSchemaCount()).toBe(schemas);

    const retried = await provisionTenant({ name: "Half", slug: "half", adminEmail: "a@half.test" }, { sendWelcome: false });
    expect(retried.status).toBe("active");
  });

  it("resumes a tenant left in provisioning by a crash", async () => {
    await ownerPool().query(
      "INSERT INTO public.tenants (name, slug, plan_id, status, created_at) VALUES ('Crashed', 'crashed', 'standard', 'provisioning', now() - interval '1 hour')",
    );
    const tenant = await provisionTenant({ name: "Crashed", slug: "crashed", adminEmail: "a@crashed.test" }, { sendWelcome: false });
    expect(tenant.status).toBe("active");
    expect(await schemaExists(tenant.schema)).toBe(true);
    expect(await sharedDb().tenant.count({ where: { slug: "crashed" } })).toBe(1);
  });
});
