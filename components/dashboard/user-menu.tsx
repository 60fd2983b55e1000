"use client";

import { ChevronDown } from "lucide-react";
import { signOut } from "next-auth/react";
import { DropdownMenu } from "radix-ui";

const itemClass = "block w-full cursor-pointer rounded px-3 py-2 text-left text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100";

/** The signed-in staff member: who they are, and signing out here or everywhere. */
export function UserMenu({ name, email, role, signOutEverywhere }: { name: string | null; email: string; role: string; signOutEverywhere: () => Promise<void> }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label="Account menu" className="inline-flex max-w-full items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
        <span data-testid="signed-in-email" className="truncate">
          {email}
        </span>
        <ChevronDown aria-hidden className="size-4 shrink-0" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 w-64 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-3 py-2 text-sm">
            <span className="block font-medium text-slate-900">{name ?? email}</span>
            {name ? <span className="block text-slate-600">{email}</span> : null}
            <span className="block text-xs text-slate-500 capitalize">{role}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item className={itemClass} onSelect={() => void signOut({ callbackUrl: "/login" })}>
            Sign out
          </DropdownMenu.Item>
          <DropdownMenu.Item className={itemClass} onSelect={() => void signOutEverywhere()}>
            Sign out of all sessions
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
