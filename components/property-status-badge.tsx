const STATUS_LABELS: Record<string, string> = {
  available: "Available",
  under_contract: "Under contract",
  sold: "Sold",
  rented: "Rented",
  off_market: "Off market",
};

const STATUS_STYLES: Record<string, string> = {
  available: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  under_contract: "bg-amber-50 text-amber-800 ring-amber-600/20",
  sold: "bg-slate-100 text-slate-700 ring-slate-500/20",
  rented: "bg-sky-50 text-sky-800 ring-sky-600/20",
  off_market: "bg-slate-100 text-slate-600 ring-slate-500/20",
};

export function propertyStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.replaceAll("_", " ");
}

export function PropertyStatusBadge({ status }: { status: string }) {
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.off_market;
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {propertyStatusLabel(status)}
    </span>
  );
}
