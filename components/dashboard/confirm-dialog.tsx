"use client";

import { AlertDialog } from "radix-ui";
import type { ReactNode } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useConfirmStep } from "@/components/forms/use-confirm-step";
import { useHydrated } from "@/components/forms/use-hydrated";

/**
 * Asks before a destructive step. `onConfirm` returns an error message to show in the dialog, or null
 * when done (the dialog then closes). Focus is trapped inside and Escape cancels (Radix AlertDialog).
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<string | null>;
}) {
  const { open, changeOpen, pending, error, confirm } = useConfirmStep(onConfirm);
  const hydrated = useHydrated();

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={changeOpen}
    >
      {/* Disabled until React is there to open the dialog, so an early click is not lost. */}
      <AlertDialog.Trigger asChild disabled={!hydrated}>
        {trigger}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          <FormAlert message={error} className="mt-4" />
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">Cancel</AlertDialog.Cancel>
            <button
              type="button"
              disabled={pending}
              aria-busy={pending}
              onClick={() => void confirm()}
              className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
            >
              {pending ? "Working…" : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
