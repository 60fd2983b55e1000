"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { LeadView } from "@/lib/leads/lead-schema";

export function MarkLeadHandledButton({ id, action }: { id: string; action: (input: { id: string }) => Promise<ActionResult<LeadView>> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await action({ id });
        setPending(false);
        router.refresh();
      }}
      className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700"
    >
      Mark handled
    </button>
  );
}
