"use client";

import { useSearchParams } from "next/navigation";
import { Toast } from "radix-ui";
import { useEffect, useState } from "react";
import { noticeMessage } from "./notices";

interface ToastItem {
  id: number;
  message: string;
}

const listeners = new Set<(message: string) => void>();

/** Shows a short confirmation after an action ("Branding saved"); any client component may call it. */
export function showToast(message: string): void {
  for (const listener of listeners) listener(message);
}

/**
 * The staff app's toasts (Radix Toast: announced politely, swipe or Escape to dismiss). Also shows the
 * notice a redirect carried in `?notice=`, then drops it from the address so a reload does not repeat it.
 */
export function Toaster() {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const notice = noticeMessage(useSearchParams().get("notice"));
  useEffect(() => {
    const add = (message: string) => setToasts((current) => [...current, { id: Date.now() + Math.random(), message }]);
    listeners.add(add);
    return () => {
      listeners.delete(add);
    };
  }, []);
  useEffect(() => {
    if (!notice) return;
    showToast(notice);
    const url = new URL(window.location.href);
    url.searchParams.delete("notice");
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [notice]);
  return (
    <Toast.Provider duration={5000} swipeDirection="right">
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          onOpenChange={(open) => {
            if (!open) setToasts((current) => current.filter((item) => item.id !== toast.id));
          }}
          className="flex items-center gap-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg"
          data-testid="toast"
        >
          <Toast.Title>{toast.message}</Toast.Title>
          <Toast.Close aria-label="Dismiss" className="ml-auto text-slate-500 hover:text-slate-900">
            ×
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-4 bottom-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
    </Toast.Provider>
  );
}
