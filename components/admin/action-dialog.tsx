"use client";

import { Dialog } from "radix-ui";
import type { ReactNode } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useConfirmStep } from "@/components/forms/use-confirm-step";
import { useHydrated } from "@/components/forms/use-hydrated";

const TRIGGER_TONES = {
  neutral: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/**
 * A console action behind a confirmation (Radix Dialog: focus trapped, Escape cancels). `onConfirm`
 * returns an error message to show in the dialog, or null when done (the dialog then closes).
 */
export function ActionDialog({
  triggerLabel,
  title,
  description,
  confirmLabel,
  tone = "neutral",
  onConfirm,
  onOpenChange,
  children,
  extra,
}: {
  triggerLabel: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: keyof typeof TRIGGER_TONES;
  onConfirm: () => Promise<string | null>;
  onOpenChange?: (open: boolean) => void;
  children?: ReactNode;
  /** Shown under the error (e.g. the numbers of a refused downgrade and a way past it). */
  extra?: ReactNode;
}) {
  const { open, changeOpen, pending, error, confirm } = useConfirmStep(onConfirm, onOpenChange);
  const hydrated = useHydrated();

  return (
    <Dialog.Root
      open={open}
      onOpenChange={changeOpen}
    >
      <Dialog.Trigger asChild disabled={!hydrated}>
        <button type="button" className={`rounded-md px-3 py-2 text-sm font-semibold disabled:opacity-60 ${TRIGGER_TONES[tone]}`}>
          {triggerLabel}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
          <form
            className="mt-4 space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              void confirm();
            }}
          >
            {children}
            <FormAlert message={error} />
            {error ? extra : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">Cancel</Dialog.Close>
              <button
                type="submit"
                disabled={pending}
                aria-busy={pending}
                className={`rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 ${tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-slate-900 hover:bg-slate-700"}`}
              >
                {pending ? "Working…" : confirmLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
