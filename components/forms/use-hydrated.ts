"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and until React has hydrated, then true. Forms that only work through
 * React disable themselves until then, so an early click or keystroke is not lost (or sent as a GET).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribeToNothing, () => true, () => false);
}
