"use client";

import { useState } from "react";

/**
 * The state of a step behind a confirmation dialog: `onConfirm` returns an error message to show in the
 * dialog, or null when done (the dialog then closes). Closing the dialog forgets the error.
 */
export function useConfirmStep(onConfirm: () => Promise<string | null>, onOpenChange?: (open: boolean) => void) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    const message = await onConfirm();
    setPending(false);
    if (message) setError(message);
    else setOpen(false);
  }

  function changeOpen(next: boolean) {
    setOpen(next);
    onOpenChange?.(next);
    if (!next) setError(null);
  }

  return { open, changeOpen, pending, error, confirm };
}
