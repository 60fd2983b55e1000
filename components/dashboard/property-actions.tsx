"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { PropertyView } from "@/lib/properties/property-schema";

export function PublishToggle({ id, published, action }: { id: string; published: boolean; action: (input: { id: string; published: boolean }) => Promise<ActionResult<PropertyView>> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await action({ id, published: !published });
        setPending(false);
        router.refresh();
      }}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium"
    >
      {published ? "Unpublish" : "Publish to portal"}
    </button>
  );
}

export function DeletePropertyButton({ id, name, action }: { id: string; name: string; action: (input: { id: string }) => Promise<{ ok: false; message: string } | undefined> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          if (!window.confirm(`Delete "${name}" with its transactions? This cannot be undone.`)) return;
          const result = await action({ id });
          if (result) setError(result.message);
        }}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700"
      >
        Delete property
      </button>
      {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
    </>
  );
}

export function DeleteDocumentButton({ id, filename, action }: { id: string; filename: string; action: (input: { id: string }) => Promise<ActionResult<void>> }) {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        if (!window.confirm(`Delete ${filename}?`)) return;
        await action({ id });
        router.refresh();
      }}
      className="text-xs font-medium text-red-700 underline"
    >
      Delete
    </button>
  );
}
