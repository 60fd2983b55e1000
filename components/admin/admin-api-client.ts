"use client";

export interface AdminOperationView {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  steps: Array<{ step: string; at: string }>;
  result?: unknown;
  error?: { code: string; message: string; fieldErrors?: Record<string, string[]>; details?: Array<{ limit: string; max: number; usage: number; plan: string }> } | null;
}

export interface AdminApiAnswer {
  ok: boolean;
  status: number;
  message: string | null;
  fieldErrors?: Record<string, string[]>;
  details?: Array<{ limit: string; max: number; usage: number; plan: string }>;
  operation?: AdminOperationView;
  result?: unknown;
  /** The whole JSON body (e.g. an impersonation's one-time `url`). */
  json: Record<string, unknown>;
}

const POLL_MS = 500;

async function readAnswer(response: Response): Promise<AdminApiAnswer> {
  const json = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  const body = json as Partial<Omit<AdminApiAnswer, "json">> & { message?: string };
  return { ok: response.ok, status: response.status, message: response.ok ? null : (body.message ?? `Request failed (${response.status})`), fieldErrors: body.fieldErrors, details: body.details, operation: body.operation, result: body.result, json };
}

/** Polls GET /api/admin/operations/[id] until the worker has finished it; `onUpdate` sees each state (progress). */
export async function followOperation(id: string, onUpdate?: (operation: AdminOperationView) => void): Promise<AdminApiAnswer> {
  for (;;) {
    const response = await fetch(`/api/admin/operations/${id}`, { headers: { accept: "application/json" } });
    if (!response.ok) return readAnswer(response);
    const { operation } = (await response.json()) as { operation: AdminOperationView };
    onUpdate?.(operation);
    if (operation.status === "succeeded") return { ok: true, status: 200, message: null, operation, result: operation.result, json: { operation } };
    if (operation.status === "failed") {
      return { ok: false, status: 409, message: operation.error?.message ?? "The operation failed", fieldErrors: operation.error?.fieldErrors, details: operation.error?.details, operation, json: { operation } };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Calls the admin API from the console (same origin, session cookie). A 202 (the worker has not finished
 * yet, or `async` asked for it) is followed until the operation ends.
 */
export async function callAdminApi(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown, options: { async?: boolean; onUpdate?: (operation: AdminOperationView) => void } = {}): Promise<AdminApiAnswer> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (options.async) headers.prefer = "respond-async";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await readAnswer(response);
  if (response.status === 202 && answer.operation) {
    options.onUpdate?.(answer.operation);
    return followOperation(answer.operation.id, options.onUpdate);
  }
  return answer;
}
