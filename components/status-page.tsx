import type { ReactNode } from "react";

interface StatusPageProps {
  code: number;
  title: string;
  children: ReactNode;
}

/** Full-page message for error answers (404, 403): status code, heading, explanation. */
export function StatusPage({ code, title, children }: StatusPageProps) {
  return (
    <main className="flex min-h-screen items-center justify-center px-6 py-16">
      <div className="w-full max-w-md text-center">
        <p className="text-sm font-semibold tracking-widest text-slate-500">
          <span className="sr-only">Error </span>
          {code}
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
        <div className="mt-4 space-y-3 text-base text-slate-600">{children}</div>
      </div>
    </main>
  );
}
