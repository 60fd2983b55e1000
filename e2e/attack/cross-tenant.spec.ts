import { expect, test } from "@playwright/test";
import { actionProbe, AttackClient, formData, type Probe, type ProbeResult } from "./attack-client";
import { attackWorld, type AttackTenant, type AttackWorld, type TenantObjectIds } from "./attack-world";
import { ATTACKS, ORIGINS_MERGED, ROUTE_TABLE, type Attack, type Expectation, type Outcome, type RouteRow } from "./route-table";
import { itemKey } from "./route-tree";

// One worker, rows in order: every row shares the two tenants built once below. A failing row does not stop the others.
test.describe.configure({ mode: "default" });

let client: AttackClient;
let probeCount = 0;
let world: AttackWorld;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  client = await AttackClient.create();
  world = await attackWorld(client);
});

test.afterAll(async () => {
  await client?.dispose();
  console.log(`attack suite: ${ROUTE_TABLE.length} rows, ${probeCount} probes sent by this worker`);
});

type Role = "owner" | "viewer" | "customer" | "agent";
interface Principal {
  tenant: AttackTenant;
  role: Role;
}

/** One probe with what it stands for. */
interface PlannedProbe {
  attack: Attack;
  probe: Probe;
  hostTenant: AttackTenant | null;
  principal: Principal | null;
  expected: Outcome[];
  /** The row's path as filled in, for `{path}` in expectations. */
  filledPath: string;
}

const isPlatformRow = (row: RouteRow) => row.surface === "apex" || row.surface === "admin";

function fillIds(template: string, ids: TenantObjectIds): string {
  return template
    .replace(/\{customDomainOfB\}/g, world.b.customDomain)
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in ids ? ids[name as keyof TenantObjectIds] : whole));
}

function missingIds(ids: TenantObjectIds): TenantObjectIds {
  return Object.fromEntries(Object.keys(ids).map((key) => [key, key === "tenant" ? ids.tenant : ids.missing])) as unknown as TenantObjectIds;
}

/** React hands FormData to form actions; the table writes it as `{ form: {...} }`. */
function actionArgs(args: unknown[]): unknown[] {
  return args.map((arg) => (arg && typeof arg === "object" && "form" in arg ? formData((arg as { form: Record<string, string> }).form) : arg));
}

function withInternalPrefix(prefix: string, path: string): string {
  return path === "/" ? prefix : path.startsWith("/?") ? `${prefix}${path.slice(1)}` : `${prefix}${path}`;
}

const SPOOF_HEADERS = (target: AttackTenant, naturalHost: string): Record<string, string> => ({
  "x-forwarded-host": naturalHost,
  "x-forwarded-proto": "https",
  "x-forwarded-for": "10.9.8.7",
  "x-anchor-tenant-id": target.id,
  "x-anchor-path": "/dashboard",
  "x-anchor-nonce": "attack-nonce",
  forwarded: `host=${naturalHost};proto=https`,
});

function asOutcomes(expectation: Exclude<Expectation, { skip: string }>): Outcome[] {
  return Array.isArray(expectation) ? expectation : [expectation];
}

/** The probes of one attack on one row: the request(s), the host's tenant and the principal. */
async function plan(row: RouteRow, attack: Attack): Promise<PlannedProbe[]> {
  const expectation = row.expect[attack];
  if ("skip" in expectation) return [];
  const expected = asOutcomes(expectation);
  const { a, b, apex, admin } = world;
  const naturalHost = row.surface === "apex" ? apex : row.surface === "admin" ? admin : a.host;
  const writes = row.kind === "action" || (row.kind === "route" && row.name !== "GET");
  // a's owner may still write on a's custom domain today: those probes name nothing and create nothing.
  const ids = attack === "foreign-ids" ? b.ids : attack === "custom-domain" && writes ? missingIds(a.ids) : a.ids;
  const emptyBody = attack === "custom-domain" && row.creates;
  const path = fillIds(row.path, ids);
  const owner: Principal = { tenant: a, role: "owner" };
  const platform = isPlatformRow(row);

  interface Shape {
    host: string;
    hostTenant: AttackTenant | null;
    principal: Principal | null;
    /** `both`: the session, and for API routes also the bearer token; `api-token`: the token for API routes, else the session. */
    via: "session" | "token" | "both" | "api-token" | "none";
    path?: string;
    headers?: Record<string, string>;
    origin?: string;
  }
  const shapes: Shape[] = (() => {
    switch (attack) {
      case "unauthenticated":
        return [{ host: naturalHost, hostTenant: platform ? null : a, principal: null, via: "none" }];
      case "customer":
        return [{ host: a.host, hostTenant: a, principal: { tenant: a, role: "customer" }, via: "session" }];
      case "viewer":
        return [{ host: a.host, hostTenant: a, principal: { tenant: a, role: "viewer" }, via: "both" }];
      case "foreign-session":
        return platform ? [{ host: naturalHost, hostTenant: null, principal: owner, via: "session" }] : [{ host: a.host, hostTenant: a, principal: { tenant: b, role: "owner" }, via: "session" }];
      case "foreign-token":
        return [{ host: a.host, hostTenant: a, principal: { tenant: b, role: "owner" }, via: "token" }];
      case "foreign-ids":
        return [{ host: a.host, hostTenant: a, principal: owner, via: "api-token" }];
      case "apex-host":
        return [{ host: apex, hostTenant: null, principal: owner, via: "api-token" }];
      case "admin-host":
        return [{ host: admin, hostTenant: null, principal: owner, via: "session" }];
      case "tenant-host":
        return [{ host: a.host, hostTenant: a, principal: owner, via: "session" }];
      case "spoof-apex":
        return [{ host: apex, hostTenant: null, principal: owner, via: "session", headers: SPOOF_HEADERS(a, naturalHost) }];
      case "spoof-tenant":
        return platform
          ? [{ host: a.host, hostTenant: a, principal: owner, via: "session", headers: SPOOF_HEADERS(a, naturalHost) }]
          : [{ host: b.host, hostTenant: b, principal: owner, via: "api-token", headers: SPOOF_HEADERS(a, a.host) }];
      case "internal-path": {
        const prefix = row.surface === "apex" ? "/apex" : row.surface === "admin" ? "/admin" : null;
        return prefix
          ? [
              { host: a.host, hostTenant: a, principal: owner, via: "session", path: withInternalPrefix(prefix, path) },
              { host: row.surface === "apex" ? admin : apex, hostTenant: null, principal: owner, via: "session", path: withInternalPrefix(prefix, path) },
            ]
          : [
              { host: apex, hostTenant: null, principal: owner, via: "session", path: withInternalPrefix(`/t/${a.id}`, path) },
              { host: a.host, hostTenant: a, principal: owner, via: "session", path: withInternalPrefix(`/t/${b.id}`, fillIds(row.path, b.ids)) },
            ];
      }
      case "cross-origin":
        return [{ host: a.host, hostTenant: a, principal: owner, via: "session", origin: `http://${b.host}` }];
      case "custom-domain":
        return [{ host: a.customDomain, hostTenant: a, principal: { tenant: a, role: row.customDomainAs ?? "owner" }, via: "both" }];
    }
  })();

  const planned: PlannedProbe[] = [];
  for (const shape of shapes) {
    const apiRoute = row.kind === "route" && !row.credentials && !isPlatformRow(row);
    const vias: ("session" | "token" | "none")[] =
      shape.via === "both" ? (apiRoute ? ["session", "token"] : ["session"]) : shape.via === "api-token" ? [apiRoute ? "token" : "session"] : [shape.via];
    for (const via of vias) {
      const principal = shape.principal;
      const probePath = shape.path ?? path;
      const method = row.kind === "route" ? row.name : row.kind === "page" ? "GET" : "POST";
      const headers: Record<string, string> = { ...shape.headers };
      if (method !== "GET") headers.origin = shape.origin ?? `http://${shape.host}`;
      const probe: Probe = { host: shape.host, method, path: probePath, headers };
      if (principal && via === "session" && !row.credentials) probe.cookie = principal.tenant.sessions[principal.role];
      if (principal && via === "token" && !row.credentials) {
        const token = principal.role === "owner" || principal.role === "viewer" ? principal.tenant.tokens[principal.role] : undefined;
        if (!token) throw new Error(`no token for ${principal.role}`);
        probe.bearer = token;
      }
      if (row.kind === "action") {
        const call = await actionProbe(row.file, row.name, emptyBody ? [{}] : actionArgs(row.args?.(ids) ?? []));
        Object.assign(probe, { ...call, headers: { ...headers, ...call.headers } });
      } else if (row.credentials && principal) {
        const user = principal.tenant.users[principal.role];
        if (row.credentials === "json") probe.json = { email: user.email, password: user.password };
        else {
          const csrf = await client.send({ host: shape.host, method: "GET", path: withCsrfPath(probePath), headers: shape.headers });
          const csrfToken = csrf.status === 200 ? (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken ?? "" : "";
          probe.cookie = csrf.setCookies.join("; ") || undefined;
          probe.form = { csrfToken, email: user.email, password: user.password, json: "true", callbackUrl: `http://${shape.host}/` };
        }
      } else if (row.json) probe.json = emptyBody ? {} : row.json(ids);
      else if (row.multipart && !emptyBody) probe.multipart = row.multipart(ids);
      planned.push({ attack, probe, hostTenant: shape.hostTenant, principal, expected, filledPath: path });
    }
  }
  return planned;
}

/** next-auth's CSRF endpoint at the same place as the callback (the internal-path probes keep their prefix). */
function withCsrfPath(callbackPath: string): string {
  return callbackPath.replace(/\/api\/auth\/callback\/credentials$/, "/api/auth/csrf");
}

function identityStrings(principal: Principal): string[] {
  const user = principal.tenant.users[principal.role];
  const session = principal.tenant.sessions[principal.role];
  const token = principal.role === "owner" || principal.role === "viewer" ? principal.tenant.tokens[principal.role] : undefined;
  // The principal's own account and workspace: echoing them back to their holder is no leak.
  return [user.id, user.email, user.password, session.slice(session.indexOf("=") + 1), ...(token ? [token] : []), principal.tenant.id, principal.tenant.slug];
}

/**
 * The strings this probe's response must not contain: everything of both tenants, minus what the host's
 * tenant shows the public, minus its private data when the principal is its staff and may succeed, minus
 * the principal's own identity (unless the row says it must not be honoured there at all).
 */
function leakCandidates(planned: PlannedProbe, outcome: Outcome): string[] {
  const { a, b } = world;
  const allowed = new Set<string>();
  const host = planned.hostTenant;
  if (host) host.publicStrings.forEach((value) => allowed.add(value));
  const principal = planned.principal;
  const succeeds = outcome.status < 400;
  if (host && principal && principal.tenant === host && succeeds && principal.role !== "customer") host.privateStrings.forEach((value) => allowed.add(value));
  if (host && principal && principal.tenant === host && principal.role === "customer") host.customerOwnStrings.forEach((value) => allowed.add(value));
  if (principal) {
    const own = identityStrings(principal);
    (outcome.anonymous ? own.slice(2) : own).forEach((value) => allowed.add(value));
  }
  return [...a.publicStrings, ...a.privateStrings, ...b.publicStrings, ...b.privateStrings].filter((value) => !allowed.has(value));
}

function template(text: string, planned: PlannedProbe): string {
  return text
    .replace(/\{slugHost\}/g, world.a.host)
    .replace(/\{root\}/g, world.root)
    .replace(/\{customDomain\}/g, world.a.customDomain)
    .replace(/\{path\}/g, planned.filledPath);
}

function bodyHasCode(body: string, code: string): boolean {
  return body.includes(`"error":"${code}"`) || body.includes(`"code":"${code}"`);
}

/** Why the response does not meet the outcome, or null when it does. */
function mismatch(result: ProbeResult, outcome: Outcome, planned: PlannedProbe): string | null {
  if (result.status !== outcome.status) return `status ${result.status}, wanted ${outcome.status}`;
  if (outcome.location !== undefined) {
    const wanted = template(outcome.location, planned);
    if (!result.location?.startsWith(wanted)) return `Location ${result.location ?? "(none)"}, wanted ${wanted}…`;
  }
  if (outcome.code !== undefined && !bodyHasCode(result.body, outcome.code)) return `no error code "${outcome.code}" in ${result.body.slice(0, 400)}`;
  if (outcome.text !== undefined && !result.body.includes(template(outcome.text, planned))) return `body lacks "${template(outcome.text, planned)}": ${result.body.slice(0, 600)}`;
  if (outcome.header !== undefined && !result.headerText.toLowerCase().includes(template(outcome.header, planned).toLowerCase())) return `no header "${outcome.header}"`;
  return null;
}

/** What the request itself carried (path, headers, body): echoing the caller's own input back is no leak. */
function requestText(probe: Probe): string {
  const body = probe.json !== undefined ? JSON.stringify(probe.json) : probe.form ? JSON.stringify(probe.form) : probe.multipart ? JSON.stringify(Object.values(probe.multipart).map((part) => (typeof part === "string" ? part : part.name))) : String(probe.body ?? "");
  return `${probe.path}\n${JSON.stringify(probe.headers ?? {})}\n${probe.cookie ?? ""}\n${probe.bearer ?? ""}\n${body}`;
}

function leaks(result: ProbeResult, planned: PlannedProbe, outcome: Outcome): string[] {
  const haystack = `${result.headerText}\n${result.body}`;
  const sent = requestText(planned.probe);
  return leakCandidates(planned, outcome).filter((value) => !sent.includes(value) && (haystack.includes(value) || haystack.includes(encodeURIComponent(value))));
}

function describeProbe(planned: PlannedProbe): string {
  const { probe, principal } = planned;
  const who = principal ? `${principal.tenant.label}'s ${principal.role}${probe.bearer ? " token" : probe.cookie ? " session" : ""}` : "nobody";
  const extra = Object.keys(probe.headers ?? {}).filter((name) => name !== "origin" && name !== "next-action" && name !== "accept" && name !== "content-type");
  return `${probe.method} ${probe.host}${probe.path} as ${who}${probe.headers?.origin && probe.headers.origin !== `http://${probe.host}` ? ` Origin ${probe.headers.origin}` : ""}${extra.length ? ` [${extra.join(",")}]` : ""}`;
}

/** Runs probes a few at a time (two shared cores): each checked for its outcome and for leaks. */
async function runProbes(planned: PlannedProbe[]): Promise<string[]> {
  const failures: string[] = [];
  const queue = [...planned];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await client.send(next.probe);
      const reasons = next.expected.map((outcome) => mismatch(result, outcome, next));
      const matched = next.expected.find((_outcome, index) => reasons[index] === null);
      const outcome = matched ?? next.expected[0];
      if (!outcome) continue;
      const leaked = leaks(result, next, outcome);
      if (!matched) failures.push(`${next.attack}: ${describeProbe(next)} → ${reasons.join(" | ")}`);
      if (leaked.length > 0) failures.push(`${next.attack}: ${describeProbe(next)} → LEAK of ${leaked.join(", ")}`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return failures;
}

for (const row of ROUTE_TABLE) {
  const key = itemKey(row);
  const pending = ORIGINS_MERGED ? [] : (row.pendingOrigins ?? []);
  const settled = ATTACKS.filter((attack) => !pending.includes(attack));
  test(`${row.surface}: ${key}`, async () => {
    const planned = (await Promise.all(settled.map((attack) => plan(row, attack)))).flat();
    probeCount += planned.length;
    expect(await runProbes(planned), `${planned.length} probes`).toEqual([]);
  });
  if (pending.length > 0) {
    test(`${row.surface}: ${key} — until the origins work is merged: ${pending.join(", ")}`, async () => {
      test.fail(true, "ORIGIN-MODEL.md behaviour not implemented on this branch yet (flip ORIGINS_MERGED in route-table.ts)");
      const planned = (await Promise.all(pending.map((attack) => plan(row, attack)))).flat();
      probeCount += planned.length;
      expect(await runProbes(planned), `${planned.length} probes`).toEqual([]);
    });
  }
}

test("nothing the attacks sent changed either tenant", async () => {
  for (const tenant of [world.a, world.b]) {
    const get = async (path: string) => {
      const result = await client.send({ host: tenant.host, method: "GET", path, bearer: tenant.tokens.owner });
      expect(result.status, `${tenant.label}: GET ${path}`).toBe(200);
      return JSON.parse(result.body) as Record<string, unknown>;
    };
    const draft = await get(`/api/v1/properties/${tenant.ids.draftProperty}`);
    expect(draft).toMatchObject({ name: `${tenant.slug}-draft-marker House`, published: false });
    const properties = JSON.stringify(await get("/api/v1/properties?limit=100"));
    expect(properties).not.toContain("attack suite");
    const documents = (await get(`/api/v1/documents?propertyId=${tenant.ids.draftProperty}`)).data as { id: string }[];
    expect(documents.map((document) => document.id)).toContain(tenant.ids.document);
    const transaction = await get(`/api/v1/transactions/${tenant.ids.transaction}`);
    expect(transaction).toMatchObject({ status: "pending" });
    const leads = (await get("/api/v1/leads?limit=100")).data as { id: string; status: string; message: string }[];
    expect(leads.map((lead) => [lead.id === tenant.ids.lead ? "lead" : "other", lead.status])).toEqual(expect.arrayContaining([["lead", "new"]]));
    expect(leads.filter((lead) => lead.message.includes("attack suite"))).toEqual([]);
    const members = (await get("/api/v1/members")).data as { id: string; email: string; role: string; status: string }[];
    expect(members.find((member) => member.id === tenant.ids.member)).toMatchObject({ role: "agent", status: "active" });
    expect(members.filter((member) => member.role === "owner").map((member) => member.email)).toEqual([tenant.users.owner.email]);
    expect(members.map((member) => member.email)).not.toContain("attack-invite@attack.test");
    const branding = await client.send({ host: tenant.host, method: "GET", path: "/api/tenant/branding" });
    expect(branding.body).not.toContain("attack suite");
  }
  const domainA = await client.send({ host: world.a.customDomain, method: "GET", path: "/api/tenant/branding" });
  expect(domainA.status, "a's custom domain still routes").toBe(200);
});
