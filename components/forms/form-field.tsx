import type { ReactNode } from "react";

export type FieldErrors = Record<string, string[]>;

export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400";

/** A labelled field with its hint and the server's messages for it (`#<name>-error`). */
export function FormField({ name, label, errors, hint, children }: { name: string; label: string; errors: FieldErrors; hint?: string; children: ReactNode }) {
  const messages = errors[name];
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {messages && messages.length > 0 ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
          {messages.join(", ")}
        </p>
      ) : null}
    </div>
  );
}
