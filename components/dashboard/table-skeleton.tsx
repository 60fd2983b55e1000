/**
 * Shown while a dashboard list loads: a heading and a table's shape, announced as busy. Only list pages
 * get it: a page that can answer 404 keeps its status because nothing streams before it decides.
 */
export function TableSkeleton() {
  return (
    <main aria-busy="true" aria-live="polite" className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <p className="sr-only">Loading…</p>
      <div aria-hidden="true" className="animate-pulse motion-reduce:animate-none">
        <div className="h-8 w-56 rounded bg-slate-200" />
        <div className="mt-3 h-4 w-72 rounded bg-slate-200" />
        <div className="mt-8 overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="h-10 bg-slate-100" />
          {Array.from({ length: 6 }, (_, index) => (
            <div key={index} className="flex gap-4 border-t border-slate-100 px-4 py-3">
              <div className="h-4 w-1/3 rounded bg-slate-200" />
              <div className="h-4 w-1/4 rounded bg-slate-200" />
              <div className="ml-auto h-4 w-1/6 rounded bg-slate-200" />
            </div>
          ))}
        </div>
      </div>
    </main>
  );
}
