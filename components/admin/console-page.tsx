import type { ReactNode } from "react";

/** A console page: its heading, an optional line under it, and its sections. */
export function ConsolePage({ title, intro, children }: { title: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      {intro ? <p className="mt-2 text-sm text-slate-600">{intro}</p> : null}
      {children}
    </main>
  );
}

/** A titled block of a console page, with links or controls (period selector, CSV) at the right of its heading. */
export function ConsoleSection({ title, actions, children, className = "mt-10" }: { title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={className}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The plain server-rendered table of the console's read-only lists; rows are the caller's `<tr>`s. */
export function ConsoleTable({ headers, children, className = "mt-3" }: { headers: string[]; children: ReactNode; className?: string }) {
  return (
    <div className={`overflow-x-auto ${className}`}>
      <table className="w-full text-left text-sm">
        <thead className="border-b text-slate-500">
          <tr>
            {headers.map((header, index) => (
              <th key={header} className={index === 0 ? "py-2 pr-3" : "pr-3"}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A "CSV" (or similar) link beside a section heading. */
export function SectionLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="rounded bg-slate-100 px-2 py-1 text-sm">
      {children}
    </a>
  );
}

/** An ISO timestamp as the console shows it: "2026-01-31 14:05" (UTC), or "—". */
export function UtcMinute({ iso }: { iso: string | null | undefined }) {
  return <>{iso ? iso.slice(0, 16).replace("T", " ") : "—"}</>;
}
