import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";

const VARIANTS = {
  primary: "text-white shadow-sm",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800",
} as const;

/**
 * The submit button of every form: disabled and spinning while pending, with the pending label announced.
 * Primary buttons take the tenant's brand colour.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  disabled = false,
  variant = "primary",
  className = "",
}: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
  disabled?: boolean;
  variant?: keyof typeof VARIANTS;
  className?: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-busy={pending}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 disabled:opacity-60 ${VARIANTS[variant]} ${className}`.trim()}
      style={variant === "primary" ? { backgroundColor: "var(--primary-color)" } : undefined}
    >
      {pending ? <LoaderCircle aria-hidden className="size-4 animate-spin" /> : null}
      {pending ? pendingLabel : children}
    </button>
  );
}
