import { ImageOff } from "lucide-react";

/**
 * A listing's photo, or a neutral placeholder when it has none. A plain <img>: the photo route
 * answers on the tenant's host only, which Next's image optimiser (fetching from itself) would not be.
 */
export function PropertyPhoto({ photoUrl, name, eager = false, className = "" }: { photoUrl: string | null; name: string; eager?: boolean; className?: string }) {
  if (!photoUrl) {
    return (
      <div data-testid="photo-placeholder" className={`flex flex-col items-center justify-center gap-2 bg-slate-100 text-slate-400 ${className}`.trim()}>
        <ImageOff aria-hidden="true" className="size-10" strokeWidth={1.5} />
        <span className="text-xs font-medium text-slate-500">No photo yet</span>
      </div>
    );
  }
  return <img src={photoUrl} alt={`Photo of ${name}`} loading={eager ? "eager" : "lazy"} decoding="async" className={`bg-slate-100 object-cover ${className}`.trim()} />;
}
