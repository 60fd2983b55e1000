import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { hashPasswordToken } from "@/lib/auth/password-token";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ROLE_TIMEOUTS } from "@/lib/db/grants";
import { appPool, inTransaction, ownerPool } from "@/lib/db/pools";
import { enableOwnerOutsideTenantScope, sharedDb, sharedDbFor } from "@/lib/db/shared-client";
import { TenantScopeViolation } from "@/lib/db/tenant-scope";
import { env } from "@/lib/env/env";
import { runAsTenant } from "@/lib/tenancy/context";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { TENANT_SHARED_TABLES, tenantRowsCondition, type TenantSharedTable } from "@/lib/tenants/tenant-shared-tables";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const RLS_VIOLATION = "42501";

function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: { code?: string }) => error.code ?? String(error),
  );
}

/** One statement as `role` in a transaction scoped to `tenantId` (null: no scope), rolled back. */
async function asRole<T>(url: string, tenantId: string | null, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    if (tenantId) await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}
const asApp = <T>(tenantId: string | null, fn: (client: pg.Client) => Promise<T>) => asRole(env().APP_DATABASE_URL, tenantId, fn);
const asPlatform = <T>(fn: (client: pg.Client) => Promise<T>) => asRole(env().PLATFORM_DATABASE_URL, null, fn);

async function countOf(client: Pick<pg.ClientBase, "query">, entry: TenantSharedTable, tenantId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${entry.table}" WHERE ${tenantRowsCondition(entry)}`, [tenantId]);
  return rows[0]!.n;
}

/** A column each table's UPDATE can touch harmlessly (the app role holds UPDATE on it, except audit logs). */
const TOUCH: Record<string, string> = {
  tenants: "updated_at = now()",
  tenant_settings: "updated_at = now()",
  users: "updated_at = now()",
  password_tokens: "used_at = now()",
  handoff_tokens: "used_at = now()",
  audit_logs: "target = 'forged'",
};

describe("row-level security on the shared tables (app role)", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let globexAgent: SeededUser;
  let acmeAgent: SeededUser;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    acmeAgent = await seedUser(acme.id, "agent");
    globexAgent = await seedUser(globex.id, "agent");
    // Every table gets rows of both tenants (provisioning made tenants, settings, users, password tokens).
    for (const [tenant, user] of [[acme, acmeAgent], [globex, globexAgent]] as const) {
      await ownerPool().query("INSERT INTO public.handoff_tokens (token_hash, user_id, tenant_id, audience, expires_at) VALUES ($1, $2, $3, 'x.test', now() + interval '1 minute')", [randomBytes(8).toString("hex"), user.id, tenant.id]);
      await ownerPool().query("INSERT INTO public.audit_logs (tenant_id, action) VALUES ($1, 'test.seeded')", [tenant.id]);
    }
  });

  it("every declared table has rows of both tenants for the owner, so the checks below can fail", async () => {
    for (const entry of TENANT_SHARED_TABLES) {
      expect(await countOf(ownerPool(), entry, acme.id), entry.table).toBeGreaterThan(0);
      expect(await countOf(ownerPool(), entry, globex.id), entry.table).toBeGreaterThan(0);
    }
  });

  it("in tenant A's scope, each table shows A's rows and none of B's", async () => {
    for (const entry of TENANT_SHARED_TABLES) {
      await asApp(acme.id, async (client) => {
        expect(await countOf(client, entry, acme.id), entry.table).toBeGreaterThan(0);
        expect(await countOf(client, entry, globex.id), entry.table).toBe(0);
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${entry.table}"`);
        expect(rows[0]!.n, entry.table).toBe(await countOf(ownerPool(), entry, acme.id));
      });
    }
  });

  it("outside any scope the app role sees no tenant's rows at all", async () => {
    for (const entry of TENANT_SHARED_TABLES) {
      await asApp(null, async (client) => {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${entry.table}"`);
        expect(rows[0]!.n, entry.table).toBe(0);
      });
    }
  });

  it("in A's scope, updating or deleting B's rows affects none (or is refused), and B's rows are unchanged", async () => {
    for (const entry of TENANT_SHARED_TABLES) {
      const before = await countOf(ownerPool(), entry, globex.id);
      await asApp(acme.id, async (client) => {
        await client.query("SAVEPOINT s");
        const updated = await client.query(`UPDATE public."${entry.table}" SET ${TOUCH[entry.table]} WHERE ${tenantRowsCondition(entry)}`, [globex.id]).catch((error: { code: string }) => error.code);
        await client.query("ROLLBACK TO SAVEPOINT s");
        const deleted = await client.query(`DELETE FROM public."${entry.table}" WHERE ${tenantRowsCondition(entry)}`, [globex.id]).catch((error: { code: string }) => error.code);
        if (entry.table === "audit_logs" || entry.table === "tenants") {
          expect(deleted, entry.table).toBe("42501");
        } else {
          expect(typeof updated === "string" ? updated : updated.rowCount, entry.table).toBe(0);
          expect(typeof deleted === "string" ? deleted : deleted.rowCount, entry.table).toBe(0);
        }
        if (entry.table === "audit_logs") expect(updated).toBe("42501");
      });
      expect(await countOf(ownerPool(), entry, globex.id), entry.table).toBe(before);
    }
  });

  it("in A's scope, inserting a row for B is refused in every table", async () => {
    const inserts: Record<string, [string, unknown[]]> = {
      tenants: ["INSERT INTO public.tenants (id, name, slug, plan_id) VALUES ($1, 'x', 'squatter', 'starter')", [globex.id]],
      tenant_settings: ["INSERT INTO public.tenant_settings (tenant_id) VALUES ($1)", [globex.id]],
      users: ["INSERT INTO public.users (tenant_id, email, role) VALUES ($1, 'planted@example.test', 'owner')", [globex.id]],
      password_tokens: ["INSERT INTO public.password_tokens (user_id, token_hash, purpose, expires_at) VALUES ($1, 'planted', 'reset_password', now() + interval '1 hour')", [globexAgent.id]],
      handoff_tokens: ["INSERT INTO public.handoff_tokens (token_hash, user_id, tenant_id, audience, expires_at) VALUES ('planted', $1, $2, 'x.test', now() + interval '1 minute')", [globexAgent.id, globex.id]],
      audit_logs: ["INSERT INTO public.audit_logs (tenant_id, action) VALUES ($1, 'forged')", [globex.id]],
    };
    expect(Object.keys(inserts).sort()).toEqual(TENANT_SHARED_TABLES.map((entry) => entry.table).sort());
    for (const [table, [sql, params]] of Object.entries(inserts)) {
      expect(await errorCode(asApp(acme.id, (client) => client.query(sql, params))), table).toBe(RLS_VIOLATION);
    }
  });

  it("cannot plant a hand-off or password token for another tenant's user, even under its own tenant id", async () => {
    const handoff = "INSERT INTO public.handoff_tokens (token_hash, user_id, tenant_id, audience, expires_at) VALUES ($1, $2, $3, 'x.test', now() + interval '1 minute')";
    expect(await errorCode(asApp(acme.id, (client) => client.query(handoff, ["planted-a", globexAgent.id, acme.id])))).toBe(RLS_VIOLATION);
    const password = "INSERT INTO public.password_tokens (user_id, token_hash, purpose, expires_at) VALUES ($1, $2, 'reset_password', now() + interval '1 hour')";
    expect(await errorCode(asApp(acme.id, (client) => client.query(password, [globexAgent.id, "planted-b"])))).toBe(RLS_VIOLATION);
    // The same statements for its own user work: the refusal is about the tenant, not the statement.
    await expect(asApp(acme.id, (client) => client.query(handoff, ["own-a", acmeAgent.id, acme.id]))).resolves.toMatchObject({ rowCount: 1 });
    await expect(asApp(acme.id, (client) => client.query(password, [acmeAgent.id, "own-b"]))).resolves.toMatchObject({ rowCount: 1 });
  });

  it("cannot change another tenant's member role, nor any tenant's plan or status", async () => {
    const role = await asApp(acme.id, (client) => client.query("UPDATE public.users SET role = 'owner' WHERE id = $1", [globexAgent.id]));
    expect(role.rowCount).toBe(0);
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: globexAgent.id } })).role).toBe("agent");
    for (const tenantId of [acme.id, globex.id]) {
      expect(await errorCode(asApp(acme.id, (client) => client.query("UPDATE public.tenants SET plan_id = 'enterprise' WHERE id = $1", [tenantId])))).toBe("42501");
      expect(await errorCode(asApp(acme.id, (client) => client.query("UPDATE public.tenants SET status = 'active' WHERE id = $1", [tenantId])))).toBe("42501");
    }
    // Moving a user to another tenant is a write the policy refuses too.
    expect(await errorCode(asApp(acme.id, (client) => client.query("UPDATE public.users SET tenant_id = $2 WHERE id = $1", [acmeAgent.id, globex.id])))).toBe(RLS_VIOLATION);
  });

  it("audit logs are append-only: the app role's UPDATE and DELETE are refused even for its own tenant", async () => {
    expect(await errorCode(asApp(acme.id, (client) => client.query("UPDATE public.audit_logs SET action = 'x' WHERE tenant_id = $1", [acme.id])))).toBe("42501");
    expect(await errorCode(asApp(acme.id, (client) => client.query("DELETE FROM public.audit_logs WHERE tenant_id = $1", [acme.id])))).toBe("42501");
    await expect(asApp(acme.id, (client) => client.query("INSERT INTO public.audit_logs (tenant_id, action) VALUES ($1, 'test.appended')", [acme.id]))).resolves.toMatchObject({ rowCount: 1 });
  });

  it("a malformed tenant setting is an error, not a wider view", async () => {
    expect(await errorCode(asApp("not-a-uuid", (client) => client.query("SELECT count(*) FROM public.users")))).toBe("22P02");
  });
});

describe("the platform role", () => {
  let tenant: SeededTenant;
  let admin: SeededUser;
  beforeAll(async () => {
    tenant = await seedTenant();
    admin = await seedUser(null, "platform_admin");
  });

  it("reads every tenant's routing row and the platform admins, but no tenant's users, settings or hand-off tokens", async () => {
    await asPlatform(async (client) => {
      expect((await client.query("SELECT id FROM public.tenants WHERE id = $1", [tenant.id])).rowCount).toBe(1);
      expect((await client.query("SELECT id FROM public.users WHERE id = $1", [admin.id])).rowCount).toBe(1);
      expect((await client.query("SELECT count(*)::int AS n FROM public.users WHERE tenant_id IS NOT NULL")).rows[0]).toEqual({ n: 0 });
      expect((await client.query("SELECT count(*)::int AS n FROM public.password_tokens WHERE user_id = $1", [tenant.adminUserId])).rows[0]).toEqual({ n: 0 });
    });
    expect(await errorCode(asPlatform((client) => client.query("SELECT * FROM public.tenant_settings")))).toBe("42501");
    expect(await errorCode(asPlatform((client) => client.query("SELECT * FROM public.handoff_tokens")))).toBe("42501");
    expect(await errorCode(asPlatform((client) => client.query("UPDATE public.tenants SET plan_id = 'enterprise'")))).toBe("42501");
    expect(await errorCode(asPlatform((client) => client.query("INSERT INTO public.users (tenant_id, email, role) VALUES ($1, 'x@example.test', 'owner')", [tenant.id])))).toBe(RLS_VIOLATION);
    expect(await errorCode(asPlatform((client) => client.query("UPDATE public.audit_logs SET action = 'x'")))).toBe("42501");
  });

  it("has no DDL", async () => {
    expect(await errorCode(asPlatform((client) => client.query("CREATE TABLE public.sneaky (id int)")))).toBe("42501");
    expect(await errorCode(asPlatform((client) => client.query("CREATE SCHEMA sneaky")))).toBe("42501");
  });
});

describe("role limits", () => {
  it("statement_timeout and idle_in_transaction_session_timeout are set for the app and platform roles", async () => {
    for (const url of [env().APP_DATABASE_URL, env().PLATFORM_DATABASE_URL]) {
      await asRole(url, null, async (client) => {
        expect((await client.query("SHOW statement_timeout")).rows[0]).toEqual({ statement_timeout: ROLE_TIMEOUTS.statement_timeout });
        expect((await client.query("SHOW idle_in_transaction_session_timeout")).rows[0]).toEqual({ idle_in_transaction_session_timeout: ROLE_TIMEOUTS.idle_in_transaction_session_timeout });
      });
    }
  });

  it("a statement longer than the limit is cancelled", async () => {
    await asApp(null, async (client) => {
      await client.query("SET LOCAL statement_timeout = '50ms'");
      expect(await errorCode(client.query("SELECT pg_sleep(1)"))).toBe("57014");
    });
  });
});

describe("the declared list matches the catalog", () => {
  /** Tables of public with a tenant_id column that the list does not declare, or declared ones without forced RLS and policies. */
  async function unprotectedTenantTables(client: Pick<pg.ClientBase, "query">): Promise<string[]> {
    const declared = new Set<string>(TENANT_SHARED_TABLES.map((entry) => entry.table));
    const { rows: withTenantColumn } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'",
    );
    const undeclared = withTenantColumn.map((row) => row.table_name).filter((table) => !declared.has(table));
    const { rows: security } = await client.query<{ relname: string; enabled: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
      [[...declared]],
    );
    const unforced = [...declared].filter((table) => {
      const row = security.find((candidate) => candidate.relname === table);
      return !row || !row.enabled || !row.forced || row.policies === 0;
    });
    return [...undeclared.map((table) => `${table} (not declared)`), ...unforced.map((table) => `${table} (no forced RLS)`)];
  }

  it("every public table with a tenant_id column is declared, and every declared one has forced RLS and policies", async () => {
    expect(await unprotectedTenantTables(ownerPool())).toEqual([]);
  });

  it("the check catches a new undeclared table and a declared one without RLS", async () => {
    await inTransaction(ownerPool(), async (client) => {
      await client.query("CREATE TABLE public.viewing_notes (id serial PRIMARY KEY, tenant_id uuid)");
      await client.query("ALTER TABLE public.handoff_tokens NO FORCE ROW LEVEL SECURITY");
      expect(await unprotectedTenantTables(client)).toEqual(["viewing_notes (not declared)", "handoff_tokens (no forced RLS)"]);
      await client.query("ROLLBACK");
      await client.query("BEGIN");
    });
  });

  it("the owner keeps every row through its own policy, superuser or not", async () => {
    const { rows } = await ownerPool().query<{ tablename: string; roles: string[] }>(
      "SELECT tablename, roles::text[] AS roles FROM pg_policies WHERE schemaname = 'public' AND policyname = 'owner_all'",
    );
    const { rows: owners } = await ownerPool().query<{ tablename: string; tableowner: string }>("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'");
    for (const entry of TENANT_SHARED_TABLES) {
      const policy = rows.find((row) => row.tablename === entry.table);
      expect(policy?.roles, entry.table).toEqual([owners.find((owner) => owner.tablename === entry.table)!.tableowner]);
    }
  });
});

describe("the shared client scopes every operation to the request's tenant", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let globexAgent: SeededUser;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    globexAgent = await seedUser(globex.id, "agent");
  });
  // The web tier's default: no owner fallback (test fixtures elsewhere seed and assert as the owner).
  beforeEach(() => enableOwnerOutsideTenantScope(false));
  afterEach(() => enableOwnerOutsideTenantScope(true));

  it("inside A's context a query without any tenant filter returns only A's rows, and B's ids find nothing", async () => {
    await runAsTenant(acme.ref, "test", async () => {
      const users = await sharedDb().user.findMany();
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((user) => user.tenantId === acme.id)).toBe(true);
      expect(await sharedDb().user.findUnique({ where: { id: globexAgent.id } })).toBeNull();
      expect((await sharedDb().user.updateMany({ where: { id: globexAgent.id }, data: { role: "owner" } })).count).toBe(0);
      expect(await sharedDb().tenant.findMany({ select: { id: true } })).toEqual([{ id: acme.id }]);
      const seats = await inTransaction(appPool(), (client) => client.query<{ n: number }>("SELECT count(*)::int AS n FROM public.users"));
      expect(seats.rows[0]!.n).toBe(users.length);
    });
  });

  it("Prisma's own transactions (nested writes, $transaction) are scoped too", async () => {
    await runAsTenant(acme.ref, "test", async () => {
      const created = await sharedDb().user.create({
        data: { tenantId: acme.id, email: `nested-${randomBytes(3).toString("hex")}@example.test`, role: "agent", passwordTokens: { create: { tokenHash: randomBytes(8).toString("hex"), purpose: "invite", expiresAt: new Date(Date.now() + 60_000) } } },
        include: { passwordTokens: true },
      });
      expect(created.passwordTokens).toHaveLength(1);
      const counts = await sharedDb().$transaction(async (tx) => [await tx.user.count(), await tx.user.count({ where: { tenantId: globex.id } })]);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBe(0);
      await expect(sharedDb().user.create({ data: { tenantId: globex.id, email: "planted@example.test", role: "owner" } })).rejects.toThrow();
    });
    expect(() => sharedDbFor("not-a-uuid")).toThrow(/Not a tenant id/);
  });

  it("outside any context it sees no tenant's rows (fail closed)", async () => {
    expect(await sharedDb().user.count()).toBe(0);
    expect(await sharedDb().tenant.count()).toBe(0);
    expect(await sharedDb().auditLog.count()).toBe(0);
  });

  it("a client bound to another tenant is refused inside a tenant's context", async () => {
    await runAsTenant(acme.ref, "test", async () => {
      expect(() => sharedDbFor(globex.id)).toThrow(TenantScopeViolation);
      await expect(recordAuditEvent({ tenantId: globex.id, action: "property.created", target: "cross" })).rejects.toThrow(TenantScopeViolation);
      await expect(inTransaction(appPool(), async () => undefined, globex.id)).rejects.toThrow(TenantScopeViolation);
    });
  });

  it("the web tier's pre-context paths work on least-privilege roles: host resolution, sign-in, reset links, platform admins", async () => {
    const resolved = await resolveHost(`${acme.slug}.localhost:3000`);
    expect(resolved).toMatchObject({ surface: "tenant", tenant: { id: acme.id } });

    const agent = await seedUser(acme.id, "agent");
    await expect(authenticateWithPassword({ tenantId: acme.id, email: agent.email, password: agent.password, ip: "192.0.2.9", userAgent: null })).resolves.toMatchObject({ id: agent.id });
    await expect(authenticateWithPassword({ tenantId: globex.id, email: agent.email, password: agent.password, ip: "192.0.2.9", userAgent: null })).rejects.toThrow("Wrong email or password");

    for (const [tenantId, user] of [[acme.id, agent], [null, await seedUser(null, "platform_admin")]] as const) {
      await requestPasswordReset({ tenantId, email: user.email, baseUrl: "http://example.test", ip: "192.0.2.9" });
      const token = await lastMailedToken(user.email);
      await expect(setPasswordWithToken({ token, password: "a new long password", tenantId })).resolves.toMatchObject({ userId: user.id });
      await expect(authenticateWithPassword({ tenantId, email: user.email, password: "a new long password", ip: "192.0.2.9", userAgent: null })).resolves.toMatchObject({ id: user.id });
    }
    // Another tenant's reset token, spent on this tenant's host: the scoped transaction cannot even see it.
    const stray = randomBytes(16).toString("hex");
    await ownerPool().query("INSERT INTO public.password_tokens (user_id, token_hash, purpose, expires_at) VALUES ($1, $2, 'reset_password', now() + interval '1 hour')", [globexAgent.id, hashPasswordToken(stray)]);
    await expect(setPasswordWithToken({ token: stray, password: "a new long password", tenantId: acme.id })).rejects.toThrow(/invalid/);
  });
});

async function lastMailedToken(email: string): Promise<string> {
  const files = (await readdir(testDatabase.outboxDir)).sort();
  for (const file of files.reverse()) {
    if (!file.includes(email)) continue;
    const text = (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const match = /reset-password\?token=([\w-]+)/.exec(text);
    if (match) return match[1]!;
  }
  throw new Error(`no mail with a token to ${email}`);
}

afterAll(() => enableOwnerOutsideTenantScope(true));
