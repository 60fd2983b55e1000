import { ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { FormAlert } from "@/components/forms/form-alert";
import { DateRangeFields } from "@/components/forms/date-range-fields";
import type { PlatformAuditQuery, PlatformAuditRow } from "@/lib/admin-console/list-platform-audit";
import type { Page } from "@/lib/pagination/keyset-cursor";

const field = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5";

function hrefWith(basePath: string, query: PlatformAuditQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const name of ["tenant", "action", "from", "to"] as const) if (query[name]) params.set(name, query[name]);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** The Audit and Security pages' filter form, table and paging (server-rendered; filters in the URL). */
export function PlatformAuditList({ basePath, query, page, ignored }: { basePath: string; query: PlatformAuditQuery; page: Page<PlatformAuditRow>; ignored: string[] }) {
  return (
    <>
      <form className="mt-6 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter events">
        <label>
          <span className="block font-medium text-slate-700">Tenant (slug)</span>
          <input name="tenant" defaultValue={query.tenant ?? ""} className={field} />
        </label>
        <label>
          <span className="block font-medium text-slate-700">Event</span>
          <input name="action" defaultValue={query.action ?? ""} placeholder="e.g. security.tenant_context" className={field} />
        </label>
        <DateRangeFields from={query.from} to={query.to} inputClassName={field} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Filter
        </button>
      </form>
      {ignored.length > 0 ? <FormAlert className="mt-3" message={`Ignored invalid filter${ignored.length === 1 ? "" : "s"}: ${ignored.join(", ")}.`} /> : null}
      {page.data.length === 0 ? (
        <p className="mt-6 text-slate-600">No events match.</p>
      ) : (
        <ConsoleTable className="mt-6" headers={["When (UTC)", "Tenant", "Event", "Who", "Target", "IP"]}>
          {page.data.map((event) => (
            <tr key={event.id} className="border-b align-top" data-testid="audit-row">
              <td className="py-2 whitespace-nowrap">
                <UtcMinute iso={event.createdAt} />
              </td>
              <td className="py-2">{event.tenant ? <a href={`/tenants/${event.tenant.slug}`} className="hover:underline">{event.tenant.name}</a> : <span className="text-slate-500">platform</span>}</td>
              <td className="py-2 font-mono text-xs">{event.action}</td>
              <td className="py-2">{event.actorEmail ?? "—"}</td>
              <td className="py-2 break-all">{event.target ?? "—"}</td>
              <td className="py-2">{event.ip ?? "—"}</td>
            </tr>
          ))}
        </ConsoleTable>
      )}
      <p className="mt-4 flex gap-4 text-sm">
        {query.cursor ? <a href={hrefWith(basePath, query)} className="underline">Newest</a> : null}
        {page.nextCursor ? <a href={hrefWith(basePath, query, page.nextCursor)} className="underline">Older</a> : null}
      </p>
    </>
  );
}
