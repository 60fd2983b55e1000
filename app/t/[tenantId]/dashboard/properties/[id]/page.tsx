import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DocumentUploader } from "@/components/dashboard/document-uploader";
import { ListingPhotosEditor } from "@/components/dashboard/listing-photos-editor";
import { RecordTransactionForm } from "@/components/dashboard/transaction-controls";
import { TransactionTable } from "@/components/dashboard/transaction-table";
import { DeleteDocumentButton, DeletePropertyButton, PublishToggle } from "@/components/dashboard/property-actions";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { listDocuments } from "@/lib/documents/list-documents";
import { AppError } from "@/lib/errors/app-error";
import { formatDate } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import { listLeads } from "@/lib/leads/list-leads";
import { getProperty } from "@/lib/properties/get-property";
import { listListingPhotoIds } from "@/lib/properties/set-listing-photos";
import { IMAGE_CONTENT_TYPES } from "@/lib/documents/document-type";
import { runWithContext } from "@/lib/tenancy/context";
import { listTransactions } from "@/lib/transactions/list-transactions";
import { recordTransactionAction, transitionTransactionAction } from "../../transactions/actions";
import { deleteDocumentAction, deletePropertyAction, setListingPhotosAction, setPublishedAction } from "./actions";

export const metadata: Metadata = { title: "Property" };

export default async function DashboardPropertyPage({ params }: PageProps<"/t/[tenantId]/dashboard/properties/[id]">) {
  const { tenantId, id } = await params;
  const { context, identity } = await requireStaff(tenantId, "property:read");
  const loaded = await runWithContext(context, async () => {
    try {
      const property = await getProperty(context, id);
      const [documents, listingPhotoIds, transactions, leads, branding] = await Promise.all([
        listDocuments(context, { propertyId: id }),
        listListingPhotoIds(context, id),
        listTransactions(context, { propertyId: id, limit: 100 }),
        listLeads(context, { propertyId: id, limit: 100 }),
        getBranding(context.tenant),
      ]);
      return { property, documents, listingPhotoIds, transactions: transactions.data, leads, branding };
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  });
  if (!loaded) notFound();
  const { property, documents, listingPhotoIds, transactions, leads, branding } = loaded;
  const images = documents.filter((document) => (IMAGE_CONTENT_TYPES as readonly string[]).includes(document.contentType)).map((document) => ({ id: document.id, filename: document.filename }));
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <a href="/dashboard" className="text-slate-600 underline">
              Properties
            </a>
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900">{property.name}</h1>
          <p className="text-sm text-slate-600">
            {property.address} · {formatMoney(property.price, branding.currency)} · {property.status.replace("_", " ")} ·{" "}
            <span data-testid="published-state">{property.published ? "published" : "not published"}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {can(identity.role, "property:edit") ? (
            <>
              <a href={`/dashboard/properties/${property.id}/edit`} className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
                <Pencil aria-hidden className="size-4" /> Edit
              </a>
              <PublishToggle id={property.id} published={property.published} action={setPublishedAction} />
            </>
          ) : null}
          {can(identity.role, "property:delete") ? <DeletePropertyButton id={property.id} name={property.name} action={deletePropertyAction} /> : null}
        </div>
      </div>

      <section aria-labelledby="photos-heading" className="space-y-3">
        <h2 id="photos-heading" className="text-lg font-semibold">
          Listing photos
        </h2>
        <p className="text-sm text-slate-600">Only the images you add here are shown on the portal, in this order; the first is the cover. Every other document stays private.</p>
        {can(identity.role, "property:edit") ? (
          <ListingPhotosEditor key={listingPhotoIds.join(",")} propertyId={property.id} images={images} chosen={listingPhotoIds} action={setListingPhotosAction} />
        ) : (
          <p className="text-sm text-slate-600">{listingPhotoIds.length} listing photo(s).</p>
        )}
      </section>

      <section aria-labelledby="documents-heading" className="space-y-3">
        <h2 id="documents-heading" className="text-lg font-semibold">
          Documents
        </h2>
        {can(identity.role, "document:create") ? <DocumentUploader propertyId={property.id} /> : null}
        {documents.length === 0 ? (
          <p className="text-sm text-slate-600">No documents yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Documents">
            {documents.map((document) => (
              <li key={document.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="document">
                <a href={`/api/v1/documents/${document.id}/download`} className="font-medium underline">
                  {document.filename}
                </a>
                <span className="text-slate-500">
                  {(document.size / 1024).toFixed(1)} KB · {formatDate(document.createdAt, branding)}
                </span>
                {can(identity.role, "document:delete") ? <DeleteDocumentButton id={document.id} filename={document.filename} action={deleteDocumentAction} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="transactions-heading" className="space-y-3">
        <h2 id="transactions-heading" className="text-lg font-semibold">
          Transactions
        </h2>
        {can(identity.role, "transaction:create") ? <RecordTransactionForm properties={[{ id: property.id, name: property.name }]} action={recordTransactionAction} /> : null}
        <TransactionTable
          transactions={transactions}
          propertyNames={{ [property.id]: property.name }}
          empty="No transactions for this property yet."
          transition={can(identity.role, "transaction:edit") ? transitionTransactionAction : undefined}
        />
      </section>

      <section aria-labelledby="leads-heading" className="space-y-3">
        <h2 id="leads-heading" className="text-lg font-semibold">
          Leads
        </h2>
        {leads.length === 0 ? (
          <p className="text-sm text-slate-600">No enquiries about this property yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {leads.map((lead) => (
              <li key={lead.id} className="px-4 py-2">
                <span className="font-medium">{lead.name}</span> · {lead.status} — {lead.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
