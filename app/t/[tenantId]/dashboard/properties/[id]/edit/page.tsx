import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditPropertyForm } from "@/components/dashboard/edit-property-form";
import { requireStaff } from "@/lib/auth/page-identity";
import { AppError } from "@/lib/errors/app-error";
import { getProperty } from "@/lib/properties/get-property";
import { runWithContext } from "@/lib/tenancy/context";
import { updatePropertyAction } from "../actions";

export const metadata: Metadata = { title: "Edit property" };

export default async function EditPropertyPage({ params }: PageProps<"/t/[tenantId]/dashboard/properties/[id]/edit">) {
  const { tenantId, id } = await params;
  const { context } = await requireStaff(tenantId, "property:edit");
  const property = await runWithContext(context, async () => {
    try {
      return await getProperty(context, id);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  });
  if (!property) notFound();
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <p className="text-sm">
          <a href={`/dashboard/properties/${property.id}`} className="text-slate-600 underline">
            {property.name}
          </a>
        </p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900">Edit property</h1>
      </div>
      <EditPropertyForm property={property} action={updatePropertyAction} />
    </main>
  );
}
