"use client";

import { Globe, GlobeLock, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/dashboard/confirm-dialog";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { PropertyView } from "@/lib/properties/property-schema";

const secondaryButton = "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

export function PublishToggle({ id, published, action }: { id: string; published: boolean; action: (input: { id: string; published: boolean }) => Promise<ActionResult<PropertyView>> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-busy={pending}
        onClick={async () => {
          setPending(true);
          const result = await action({ id, published: !published });
          setPending(false);
          setError(result.ok ? null : result.error.message);
          router.refresh();
        }}
        className={secondaryButton}
      >
        {published ? <GlobeLock aria-hidden className="size-4" /> : <Globe aria-hidden className="size-4" />}
        {published ? "Unpublish" : "Publish to portal"}
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function DeletePropertyButton({ id, name, action }: { id: string; name: string; action: (input: { id: string }) => Promise<{ ok: false; message: string } | undefined> }) {
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="inline-flex items-center gap-1.5 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
          <Trash2 aria-hidden className="size-4" /> Delete property
        </button>
      }
      title={`Delete “${name}”?`}
      description="Its transactions, documents and their files are deleted with it. This cannot be undone."
      confirmLabel="Delete property"
      onConfirm={async () => (await action({ id }))?.message ?? null}
    />
  );
}

export function DeleteDocumentButton({ id, filename, action }: { id: string; filename: string; action: (input: { id: string }) => Promise<ActionResult<void>> }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="inline-flex items-center gap-1 text-xs font-medium text-red-700 underline">
          <Trash2 aria-hidden className="size-3.5" /> Delete<span className="sr-only"> {filename}</span>
        </button>
      }
      title={`Delete ${filename}?`}
      description="The file is removed from storage. This cannot be undone."
      confirmLabel="Delete document"
      onConfirm={async () => {
        const result = await action({ id });
        if (!result.ok) return result.error.message;
        router.refresh();
        return null;
      }}
    />
  );
}
