import { beforeAll, describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { deactivateMember } from "@/lib/team/deactivate-member";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { issueApiToken } from "./api-token";
import { resolveIdentity } from "./identity";
import { IDENTITY_CACHE_TTL_MS } from "./identity-cache";
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

  it("a change made behind the cache's back (another process) is seen within the cache's lifetime", async () => {
    const agent = await seedUser(acme.id, "agent");
    const token = await bearer(agent);
    expect(await identify(token)).toMatchObject({ userId: agent.id });
    await ownerPool().query("UPDATE public.users SET session_version = session_version + 1 WHERE id = $1", [agent.id]);
    const changedAt = Date.now();
    // Still served from this process's cache: the row is not read again on every request.
    const cached = await identify(token).catch(() => null);
    if (Date.now() - changedAt < IDENTITY_CACHE_TTL_MS) expect(cached).toMatchObject({ userId: agent.id });
    await expect.poll(() => identify(token).then(() => "accepted", (error: { code?: string }) => error.code), { timeout: IDENTITY_CACHE_TTL_MS * 3, interval: 250 }).toBe("unauthorized");
    expect(Date.now() - changedAt).toBeLessThan(IDENTITY_CACHE_TTL_MS * 3);
  });

  it("a cached row never answers for a token naming another tenant", async () => {
    const token = await bearer(owner);
    expect(await identify(token)).toMatchObject({ userId: owner.id, tenantId: acme.id });
    const forged = await bearer({ ...owner, tenantId: globex.id });
    await expect(resolveIdentity({ host: `${globex.slug}.localhost:3000`, authorization: forged, cookieHeader: null })).rejects.toMatchObject({ code: "unauthorized" });
  });
});
