"use client";

import { createContext, useContext, type ReactNode } from "react";

/** What client components may know about the tenant they render for: brand and locale settings only. */
export interface TenantClientSettings {
  name: string;
  logo: string | null;
  primaryColor: string;
  secondaryColor: string;
  theme: "light" | "dark";
  timezone: string;
  dateFormat: string;
  currency: string;
}

const TenantContext = createContext<TenantClientSettings | null>(null);

/** Server-rendered with the settings already resolved, so client components never fetch them after mount. */
export function TenantProvider({ settings, children }: { settings: TenantClientSettings; children: ReactNode }) {
  return <TenantContext.Provider value={settings}>{children}</TenantContext.Provider>;
}

export function useTenant(): TenantClientSettings {
  const settings = useContext(TenantContext);
  if (!settings) throw new Error("useTenant() must be used inside a tenant page (TenantProvider)");
  return settings;
}
