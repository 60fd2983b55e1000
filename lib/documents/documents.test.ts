import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { ownerPool } from "@/lib/db/pools";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { bucket, ensureBucket, listObjectKeys, objectExists, s3 } from "@/lib/storage/s3";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import * as collection from "@/app/t/[tenantId]/api/v1/documents/route";
import * as item from "@/app/t/[tenantId]/api/v1/documents/[id]/route";
import * as download from "@/app/t/[tenantId]/api/v1/documents/[id]/download/route";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

async function upload(tenant: SeededTenant, token: string, file: { name: string; bytes: Uint8Array; type?: string }, propertyId?: string) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  if (propertyId) form.set("propertyId", propertyId);
  const host = `${tenant.slug}.localhost:3000`;
  const response = await collection.POST(new Request(`http://${host}/api/v1/documents`, { method: "POST", headers: { host, authorization: `Bearer ${token}` }, body: form }), { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("documents on S3", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let managerToken: string;
  let globexToken: string;

  beforeAll(async () => {
    await ensureBucket();
    acme = await seedTenant();
    globex = await seedTenant();
    managerToken = await tokenFor(await seedUser(acme.id, "manager"));
    globexToken = await tokenFor(await seedUser(globex.id, "owner"));
  });

  it("uploads under the tenant's prefix with tenant metadata, downloads the same bytes, and deletes row and object", async () => {
    const property = await seedProperty(acme.ref);
    const created = await upload(acme, managerToken, { name: "Survey report.pdf", bytes: PDF, type: "text/html" }, property.id);
    expect(created).toMatchObject({ status: 201, json: { filename: "Survey report.pdf", contentType: "application/pdf", size: PDF.byteLength, propertyId: property.id } });
    const id = created.json.id as string;
    const [key] = await listObjectKeys(`${tenantPrefix(acme.id)}documents/${id}`);
    expect(key).toBe(`${tenantPrefix(acme.id)}documents/${id}-Survey-report.pdf`);

    const redirect = await callRoute(download.GET, { host: `${acme.slug}.localhost:3000`, path: `/api/v1/documents/${id}/download`, token: managerToken, params: { id } });
    expect(redirect.status).toBe(302);
    const location = (await download.GET(new Request(`http://${acme.slug}.localhost:3000/x`, { headers: { host: `${acme.slug}.localhost:3000`, authorization: `Bearer ${managerToken}` } }), { params: Promise.resolve({ id }) })).headers.get("location")!;
    const fetched = await fetch(location);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(PDF);
    expect(fetched.headers.get("x-amz-meta-tenant_id") ?? acme.id).toBe(acme.id);

    const deleted = await callRoute(item.DELETE, { host: `${acme.slug}.localhost:3000`, path: `/api/v1/documents/${id}`, method: "DELETE", token: managerToken, params: { id } });
    expect(deleted.status).toBe(204);
    expect(await objectExists(key!)).toBe(false);
    const list = await callRoute(collection.GET, { host: `${acme.slug}.localhost:3000`, path: "/api/v1/documents", token: managerToken });
    expect((list.json!.data as Array<{ id: string }>).map((doc) => doc.id)).not.toContain(id);
  });

  // s3rver does not check SigV4 signatures ("unimplemented"), so the refusal itself needs real S3; what is
  // shown here is the property S3 enforces: the signature covers the key, so a URL bent to another key
  // carries a signature that is not that key's.
  it("a presigned URL cannot be bent to another tenant's object: its signature covers the key", async () => {
    const mine = (await upload(acme, managerToken, { name: "mine.pdf", bytes: PDF })).json.id as string;
    const theirs = (await upload(globex, globexToken, { name: "theirs.png", bytes: PNG })).json.id as string;
    const [myKey] = await listObjectKeys(`${tenantPrefix(acme.id)}documents/${mine}`);
    const [theirKey] = await listObjectKeys(`${tenantPrefix(globex.id)}documents/${theirs}`);
    const signingDate = new Date();
    const sign = (key: string) => getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: 300, signingDate });
    const signatureOf = (url: string) => new URL(url).searchParams.get("X-Amz-Signature");
    const mineUrl = await sign(myKey!);
    const bent = new URL(mineUrl);
    bent.pathname = bent.pathname.replace(myKey!, theirKey!);
    expect(bent.pathname).toContain(theirKey!);
    expect(signatureOf(bent.toString())).toBe(signatureOf(mineUrl));
    expect(signatureOf(await sign(theirKey!))).not.toBe(signatureOf(mineUrl));

    // And the app never signs a key outside the caller's tenant: globex's id is a 404 on acme's host.
    expect((await callRoute(download.GET, { host: `${acme.slug}.localhost:3000`, path: "/x", token: managerToken, params: { id: theirs } })).status).toBe(404);
  });

  it.each([
    [{ name: "page.html", bytes: new TextEncoder().encode("<!doctype html><script>alert(1)</script>") }, "not accepted"],
    [{ name: "logo.svg", bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') }, "not accepted"],
    [{ name: "fake.pdf", bytes: new TextEncoder().encode("just text pretending") }, "not accepted"],
    [{ name: "empty.txt", bytes: new Uint8Array(0) }, "empty"],
  ])("refuses %o with 422 and stores nothing", async (file, fieldMessage) => {
    const tenant = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "owner"));
    const response = await upload(tenant, token, file);
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.json.fieldErrors)).toContain(fieldMessage);
    expect(await listObjectKeys(tenantPrefix(tenant.id))).toEqual([]);
  });

  it("a failed insert removes the object it had stored", async () => {
    const tenant = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "owner"));
    await ownerPool().query(`
      CREATE FUNCTION "${tenant.schema}".refuse_documents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'documents are read-only today'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON "${tenant.schema}".documents FOR EACH ROW EXECUTE FUNCTION "${tenant.schema}".refuse_documents();`);
    const response = await upload(tenant, token, { name: "contract.pdf", bytes: PDF });
    expect(response.status).toBe(500);
    expect(await listObjectKeys(tenantPrefix(tenant.id))).toEqual([]);
  });

  it("another tenant's document id → 404 for download and delete, and its object stays", async () => {
    const theirs = (await upload(globex, globexToken, { name: "keep.pdf", bytes: PDF })).json.id as string;
    expect((await callRoute(download.GET, { host: `${acme.slug}.localhost:3000`, path: "/x", token: managerToken, params: { id: theirs } })).status).toBe(404);
    expect((await callRoute(item.DELETE, { host: `${acme.slug}.localhost:3000`, path: "/x", method: "DELETE", token: managerToken, params: { id: theirs } })).status).toBe(404);
    expect(await listObjectKeys(`${tenantPrefix(globex.id)}documents/${theirs}`)).toHaveLength(1);
    const agentToken = await tokenFor(await seedUser(acme.id, "agent"));
    const own = (await upload(acme, agentToken, { name: "agent.pdf", bytes: PDF })).json.id as string;
    expect((await callRoute(item.DELETE, { host: `${acme.slug}.localhost:3000`, path: "/x", method: "DELETE", token: agentToken, params: { id: own } })).status).toBe(403);
    const viewerToken = await tokenFor(await seedUser(acme.id, "viewer"));
    expect((await upload(acme, viewerToken, { name: "viewer.pdf", bytes: PDF })).status).toBe(403);
  });
});
