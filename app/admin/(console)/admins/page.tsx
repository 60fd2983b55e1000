import type { Metadata } from "next";
import { InviteAdminDialog } from "@/components/admin/invite-admin-dialog";
import { ConsolePage, ConsoleSection, ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { RemoveAdminDialog } from "@/components/admin/remove-admin-dialog";
import { listPlatformAdmins } from "@/lib/admins/list-platform-admins";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Admins · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdminAdminsPage() {
  await requireSurface("admin");
  const me = await requirePlatformAdmin();
  const admins = await listPlatformAdmins();
  return (
    <ConsolePage title="Admins" intro="The platform administrators who sign in to this console. Removing one ends their sessions at once; nobody can remove themselves or the last active admin.">
      <ConsoleSection title={`${admins.filter((admin) => admin.status !== "disabled").length} admins`} actions={<InviteAdminDialog />}>
        <ConsoleTable headers={["Email", "Status", "Added (UTC)", ""]}>
          {admins.map((admin) => (
            <tr key={admin.id} className="border-b last:border-0" data-testid="admin-row">
              <td className="py-2 pr-3">
                {admin.email}
                {admin.id === me.userId ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">you</span> : null}
              </td>
              <td className="pr-3" data-testid="admin-status">
                {admin.status === "disabled" ? "removed" : admin.status}
              </td>
              <td className="pr-3">
                <UtcMinute iso={admin.createdAt} />
              </td>
              <td className="py-2 text-right">{admin.status !== "disabled" ? <RemoveAdminDialog id={admin.id} email={admin.email} /> : null}</td>
            </tr>
          ))}
        </ConsoleTable>
      </ConsoleSection>
    </ConsolePage>
  );
}
