import type { FieldErrors } from "@/components/forms/form-field";

export interface AdminApiAnswer {
  ok: boolean;
  json: Record<string, unknown>;
  message: string | null;
  fieldErrors: FieldErrors;
}

/** The console's own calls to the admin API (same origin, session cookie): the answer, with the error's message and field errors. */
export async function callAdminApi(method: "PUT" | "POST" | "DELETE", path: string, body?: unknown): Promise<AdminApiAnswer> {
  const response = await fetch(path, { method, headers: body === undefined ? undefined : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  const fieldErrors = (json.fieldErrors ?? {}) as FieldErrors;
  return { ok: response.ok, json, message: response.ok ? null : typeof json.message === "string" ? json.message : `Request failed (${response.status})`, fieldErrors };
}
