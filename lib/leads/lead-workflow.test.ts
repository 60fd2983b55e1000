import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { POST as enquire } from "@/app/t/[tenantId]/api/portal/enquiries/route";
import { GET as getLead, PATCH as patchLead } from "@/app/t/[tenantId]/api/v1/leads/[id]/route";
import { POST as addNote } from "@/app/t/[tenantId]/api/v1/leads/[id]/notes/route";
import { GET as listLeads } from "@/app/t/[tenantId]/api/v1/leads/route";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

/** The decoded mails to one address in this file's outbox. */
async function mailsTo(email: string): Promise<string[]> {
  await mkdir(testDatabase.outboxDir, { recursive: true });
  const files = (await readdir(testDatabase.outboxDir)).filter((name) => name.includes(`-${email}-`));
  return Promise.all(files.map(async (file) => (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

type LeadDetail = { id: string; status: string; assigneeId: string | null; assigneeName: string | null; phone: string | null; notes: Array<{ body: string; authorName: string | null }> };

describe("lead workflow", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let agent: SeededUser;
  let agentToken: string;
  let manager: SeededUser;
  let owner: SeededUser;
  let viewer: SeededUser;
  let disabledAgent: SeededUser;
  let leadId: string;
  const host = () => `${acme.slug}.localhost:3000`;
  const get = (id: string, token = agentToken, onHost = host()) => callRoute(getLead, { host: onHost, path: `/api/v1/leads/${id}`, token, params: { id } });
  const patch = (id: string, body: unknown, token = agentToken, onHost = host()) => callRoute(patchLead, { host: onHost, path: `/api/v1/leads/${id}`, method: "PATCH", body, token, params: { id } });
  const note = (id: string, body: unknown, token = agentToken, onHost = host()) => callRoute(addNote, { host: onHost, path: `/api/v1/leads/${id}/notes`, method: "POST", body, token, params: { id } });

  beforeAll(async () => {
    acme = await seedTenant({ name: "Acme Lettings Workflow" });
    globex = await seedTenant();
    agent = await seedUser(acme.id, "agent");
    await sharedDb().user.update({ where: { id: agent.id }, data: { name: "Agnes Agent" } });
    agentToken = await tokenFor(agent);
    manager = await seedUser(acme.id, "manager");
    owner = await seedUser(acme.id, "owner");
    viewer = await seedUser(acme.id, "viewer");
    disabledAgent = await seedUser(acme.id, "agent");
    await sharedDb().user.update({ where: { id: disabledAgent.id }, data: { status: "disabled" } });
    const property = await seedProperty(acme.ref, { name: "Workflow Loft", published: true });
    const sent = await callRoute(enquire, {
      host: host(),
      path: "/api/portal/enquiries",
      method: "POST",
      ip: "203.0.113.50",
      body: { propertyId: property.id, name: "Vera Visitor", email: "vera@example.test", phone: "+44 20 7946 0123", message: "May I view it on Friday?" },
    });
    expect(sent.status).toBe(202);
    leadId = ((await callRoute(listLeads, { host: host(), path: "/api/v1/leads", token: agentToken })).json!.data as Array<{ id: string }>)[0]!.id;
  });

  it("mails every active member who works leads and acknowledges the visitor, all in the tenant's name", async () => {
    for (const staff of [agent, manager, owner]) {
      const [mail] = await mailsTo(staff.email);
      expect(mail, staff.email).toBeDefined();
      expect(mail).toContain("Acme Lettings Workflow: new enquiry from Vera Visitor about Workflow Loft");
      expect(mail).toContain("+44 20 7946 0123");
      expect(mail).toContain(`http://${host()}/dashboard/leads/${leadId}`);
      expect(mail).not.toMatch(/asset anchor/i);
    }
    expect(await mailsTo(viewer.email)).toEqual([]);
    expect(await mailsTo(disabledAgent.email)).toEqual([]);
    const [ack] = await mailsTo("vera@example.test");
    expect(ack).toContain("Acme Lettings Workflow received your enquiry");
    expect(ack).toContain("From: Acme Lettings Workflow");
    expect(ack).toContain("May I view it on Friday?");
    expect(ack).not.toMatch(/asset anchor/i);
  });

  it("staff add notes, assign and set a status; each is audited", async () => {
    expect((await get(leadId)).json).toMatchObject({ status: "new", phone: "+44 20 7946 0123", assigneeId: null, notes: [] });
    expect((await note(leadId, { body: "Called back, no answer." })).status).toBe(201);
    const assigned = await patch(leadId, { assigneeId: agent.id });
    expect(assigned.status).toBe(200);
    expect(assigned.json).toMatchObject({ assigneeId: agent.id, assigneeName: "Agnes Agent" });
    const contacted = await patch(leadId, { status: "contacted" }, await tokenFor(manager));
    expect(contacted.json).toMatchObject({ status: "contacted", assigneeId: agent.id, notes: [{ body: "Called back, no answer.", authorName: "Agnes Agent" }] });
    const handled = await patch(leadId, { status: "handled", assigneeId: null });
    expect(handled.json).toMatchObject({ status: "handled", assigneeId: null, handledBy: agent.id });
    const actions = await sharedDb().auditLog.findMany({ where: { tenantId: acme.id, target: leadId }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((row) => row.action)).toEqual(["lead.created", "lead.note_added", "lead.assigned", "lead.status_changed", "lead.status_changed", "lead.unassigned"]);
  });

  it("bad input is a 422 and changes nothing; viewers read but cannot change", async () => {
    const before = (await get(leadId)).json as LeadDetail;
    for (const body of [{}, { status: "won" }, { assigneeId: "nobody" }, { assigneeId: viewer.id }, { assigneeId: disabledAgent.id }]) {
      expect((await patch(leadId, body)).status, JSON.stringify(body)).toBe(422);
    }
    for (const body of [{}, { body: "" }, { body: "x".repeat(5001) }]) expect((await note(leadId, body)).status).toBe(422);
    const viewerToken = await tokenFor(viewer);
    expect((await get(leadId, viewerToken)).status).toBe(200);
    expect((await patch(leadId, { status: "closed" }, viewerToken)).status).toBe(403);
    expect((await note(leadId, { body: "viewer note" }, viewerToken)).status).toBe(403);
    expect((await get(leadId)).json).toEqual(before);
  });

  it("another tenant can neither read nor change the lead", async () => {
    const globexOwner = await tokenFor(await seedUser(globex.id, "owner"));
    const globexHost = `${globex.slug}.localhost:3000`;
    expect((await get(leadId, globexOwner)).status).toBe(403);
    expect((await patch(leadId, { status: "closed" }, globexOwner)).status).toBe(403);
    expect((await note(leadId, { body: "foreign" }, globexOwner)).status).toBe(403);
    expect((await get(leadId, globexOwner, globexHost)).status).toBe(404);
    expect((await patch(leadId, { status: "closed" }, globexOwner, globexHost)).status).toBe(404);
    expect((await note(leadId, { body: "foreign" }, globexOwner, globexHost)).status).toBe(404);
    expect((await patch(leadId, { assigneeId: (await seedUser(globex.id, "agent")).id })).status).toBe(422);
    const after = (await get(leadId)).json as LeadDetail;
    expect(after.status).toBe("handled");
    expect(after.notes.map((entry) => entry.body)).toEqual(["Called back, no answer."]);
  });
});
