"use client";

import { useEffect, useState } from "react";

export interface PropertyOption {
  id: string;
  name: string;
}

const SEARCH_DELAY_MS = 250;

/**
 * Properties to choose from: `initial` until something is typed, then the staff API's matches by name or
 * address (the list can hold 10,000 properties, so choices come from the server, not from the page).
 */
export function usePropertySearch(initial: PropertyOption[]) {
  const [term, setTerm] = useState("");
  const [found, setFound] = useState<{ term: string; options: PropertyOption[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = term.trim();

  useEffect(() => {
    if (query === "") return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const response = await fetch(`/api/v1/properties?${new URLSearchParams({ q: query, sort: "name_asc", limit: "50" })}`, { signal: controller.signal });
          if (!response.ok) throw new Error(`search answered ${response.status}`);
          const page = (await response.json()) as { data: PropertyOption[] };
          setError(null);
          setFound({ term: query, options: page.data.map(({ id, name }) => ({ id, name })) });
        } catch {
          if (!controller.signal.aborted) setError("The search failed. Check your connection and type again.");
        }
      })();
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const current = query !== "" && found?.term === query ? found.options : null;
  return { term, setTerm, options: query === "" ? initial : (current ?? found?.options ?? initial), matches: current, error };
}
