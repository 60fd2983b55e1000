import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import type { Credentials } from "./sign-in";

const run = promisify(execFile);

export interface CreatedTenant {
  id: string;
  slug: string;
  name: string;
  owner: Credentials;
}

/** A fresh tenant with an owner who has a password, provisioned by the operator CLI (as an operator would). */
export async function createTenantWithCli(prefix: string, plan: "standard" | "professional" | "enterprise"): Promise<CreatedTenant> {
  const slug = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const owner = { email: `owner@${slug}.test`, password: `${slug} owner password` };
  const name = `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${plan}`;
  const { stdout } = await run(
    "npx",
    ["tsx", "lib/cli/anchor.ts", "tenants", "create", "--name", name, "--slug", slug, "--admin-email", owner.email, "--admin-password", owner.password, "--plan", plan, "--no-welcome-email", "--json"],
    { env: process.env, maxBuffer: 16 * 1024 * 1024 },
  );
  const created = JSON.parse(stdout) as { id: string; slug: string; name: string };
  return { id: created.id, slug: created.slug, name: created.name, owner };
}

export interface BrowserApiResponse {
  status: number;
  json: unknown;
}

/**
 * Calls the app's API from inside the browser, on the page's own origin (the tenant host that Chromium
 * resolves; Node does not resolve *.localhost). `file` sends multipart/form-data with one `file` field.
 */
export async function browserApi(
  page: Page,
  request: { method: string; path: string; token?: string; json?: unknown; file?: { name: string; type: string; text: string; propertyId?: string } },
): Promise<BrowserApiResponse> {
  return page.evaluate(async ({ method, path, token, json, file }) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let body: BodyInit | undefined;
    if (file) {
      const form = new FormData();
      form.append("file", new Blob([file.text], { type: file.type }), file.name);
      if (file.propertyId) form.append("propertyId", file.propertyId);
      body = form;
    } else if (json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(json);
    }
    const response = await fetch(path, { method, headers, body, credentials: "omit" });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, json: parsed };
  }, request);
}

/** A bearer token for `user` on the page's tenant host (POST /api/auth/token). */
export async function browserToken(page: Page, user: Credentials): Promise<string> {
  const response = await browserApi(page, { method: "POST", path: "/api/auth/token", json: user });
  if (response.status !== 200) throw new Error(`token for ${user.email}: ${response.status} ${JSON.stringify(response.json)}`);
  return (response.json as { accessToken: string }).accessToken;
}
