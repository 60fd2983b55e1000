import { beforeAll, describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { deactivateMember } from "@/lib/team/deactivate-member";
import { announceTenantChange, flushTenantChanges, listenForTenantChanges, onTenantChange } from "@/lib/tenancy/tenant-change-bus";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { issueApiToken } from "./api-token";
import { resolveIdentity } from "./identity";
import { signOutEverywhere } from "./set-password";

async function bearer(user: SeededUser, sessionVersion = 0): Promise<string> {
  const { accessToken } = await issueApiToken({ id: user.id, tenantId: user.tenantId, email: user.email, name: null, role: user.role, sessionVersion });
  return `Bearer ${accessToken}`;
}

describe("the identity row cache", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let owner: SeededUser;
  let host: string;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    owner = await seedUser(acme.id, "owner");
    host = `${acme.slug}.localhost:3000`;
  });

  const identify = async (authorization: string) => resolveIdentity({ host, authorization, cookieHeader: null });

  it("sign out everywhere revokes a token whose user row is cached, at once", async () => {
    const agent = await seedUser(acme.id, "agent");
    const token = await bearer(agent);
    expect(await identify(token)).toMatchObject({ userId: agent.id });
    await signOutEverywhere(agent.id, acme.id);
    await expect(identify(token)).rejects.toMatchObject({ code: "unauthorized", message: "Access token revoked" });
    expect(await identify(await bearer(agent, 1))).toMatchObject({ userId: agent.id });
  });

  it("deactivating a member and changing a role evict the cached row", async () => {
    const agent = await seedUser(acme.id, "agent");
    const viewer = await seedUser(acme.id, "viewer");
    const agentToken = await bearer(agent);
    const viewerToken = await bearer(viewer);
    expect(await identify(agentToken)).toMatchObject({ role: "agent" });
    expect(await identify(viewerToken)).toMatchObject({ role: "viewer" });
    await deactivateMember({ tenant: acme.ref }, { userId: owner.id }, agent.id);
    await changeMemberRole({ tenant: acme.ref }, { userId: owner.id }, viewer.id, { role: "agent" });
    await expect(identify(agentToken)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(identify(viewerToken)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await identify(await bearer({ ...viewer, role: "agent" }, 1))).toMatchObject({ role: "agent" });
  });

  it("a change made in another process reaches this one's cached row through the tenant-change bus", async () => {
    await listenForTenantChanges();
    const agent = await seedUser(acme.id, "agent");
    const other = await seedUser(globex.id, "agent");
    const token = await bearer(agent);
    const otherToken = await bearer(other);
    expect(await identify(token)).toMatchObject({ userId: agent.id });
    expect(await resolveIdentity({ host: `${globex.slug}.localhost:3000`, authorization: otherToken, cookieHeader: null })).toMatchObject({ userId: other.id });
    // Another process: it commits and announces; this process's forgetCachedUser is never called.
    await ownerPool().query("UPDATE public.users SET session_version = session_version + 1 WHERE id = ANY($1)", [[agent.id, other.id]]);
    expect(await identify(token), "served from the cache until the change is heard").toMatchObject({ userId: agent.id });
    await announceTenantChange(acme.id);
    expect(await flushTenantChanges()).toBe(true);
    await expect(identify(token)).rejects.toMatchObject({ code: "unauthorized", message: "Access token revoked" });
    // Only the changed tenant's rows are dropped: globex's user is still served from the cache.
    expect(await resolveIdentity({ host: `${globex.slug}.localhost:3000`, authorization: otherToken, cookieHeader: null })).toMatchObject({ userId: other.id });
  });

  it("forgetCachedUser announces the user's tenant to every process", async () => {
    await listenForTenantChanges();
    const heard: (string | null)[] = [];
    const stop = onTenantChange((tenantId) => heard.push(tenantId));
    try {
      const agent = await seedUser(acme.id, "agent");
      await signOutEverywhere(agent.id, acme.id);
      expect(await flushTenantChanges()).toBe(true);
      expect(heard).toContain(acme.id);
      expect(heard).not.toContain(globex.id);
    } finally {
      stop();
    }
  });

  it("a cached row never answers for a token naming another tenant", async () => {
    const token = await bearer(owner);
    expect(await identify(token)).toMatchObject({ userId: owner.id, tenantId: acme.id });
    const forged = await bearer({ ...owner, tenantId: globex.id });
    await expect(resolveIdentity({ host: `${globex.slug}.localhost:3000`, authorization: forged, cookieHeader: null })).rejects.toMatchObject({ code: "unauthorized" });
  });
});
