"use client";

import { ArrowDown, ArrowUp, ImageMinus, ImagePlus, Star } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/tenant-action";

const button = "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

export interface ListingImage {
  id: string;
  filename: string;
}

/**
 * Staff choose which uploaded images are public listing photos, their order and the cover (the first).
 * Images not chosen stay private documents. Every change is saved at once through the action.
 */
export function ListingPhotosEditor({
  propertyId,
  images,
  chosen,
  action,
}: {
  propertyId: string;
  images: ListingImage[];
  chosen: string[];
  action: (input: { propertyId: string; documentIds: string[] }) => Promise<ActionResult<{ documentIds: string[] }>>;
}) {
  const router = useRouter();
  const [order, setOrder] = useState(chosen);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const byId = new Map(images.map((image) => [image.id, image]));
  const listed = order.filter((id) => byId.has(id));
  const others = images.filter((image) => !listed.includes(image.id));

  async function save(next: string[], done: string) {
    setPending(true);
    const result = await action({ propertyId, documentIds: next });
    setPending(false);
    if (result.ok) {
      setOrder(result.data.documentIds);
      setMessage({ kind: "ok", text: done });
      router.refresh();
    } else setMessage({ kind: "error", text: result.error.message });
  }

  function move(index: number, by: number) {
    const next = [...listed];
    const [id] = next.splice(index, 1);
    if (id) next.splice(index + by, 0, id);
    return next;
  }

  if (images.length === 0) return <p className="text-sm text-slate-600">Upload an image below, then add it here. Documents stay private until you add them to the listing.</p>;

  return (
    <div className="space-y-3" aria-busy={pending}>
      {listed.length === 0 ? (
        <p className="text-sm text-slate-600">No listing photos yet: the portal shows “No photo yet”.</p>
      ) : (
        <ol aria-label="Listing photos" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {listed.map((id, index) => (
            <li key={id} data-testid="listing-photo" className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span className="font-medium">
                {index + 1}. {byId.get(id)?.filename}
                {index === 0 ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">Cover</span> : null}
              </span>
              <span className="flex flex-wrap gap-1">
                <button type="button" className={button} disabled={pending || index === 0} onClick={() => save([id, ...listed.filter((other) => other !== id)], "Cover photo changed")} aria-label={`Make ${byId.get(id)?.filename} the cover`}>
                  <Star aria-hidden className="size-3.5" /> Cover
                </button>
                <button type="button" className={button} disabled={pending || index === 0} onClick={() => save(move(index, -1), "Photo moved up")} aria-label={`Move ${byId.get(id)?.filename} up`}>
                  <ArrowUp aria-hidden className="size-3.5" />
                </button>
                <button type="button" className={button} disabled={pending || index === listed.length - 1} onClick={() => save(move(index, 1), "Photo moved down")} aria-label={`Move ${byId.get(id)?.filename} down`}>
                  <ArrowDown aria-hidden className="size-3.5" />
                </button>
                <button type="button" className={button} disabled={pending} onClick={() => save(listed.filter((other) => other !== id), "Photo removed from the listing")} aria-label={`Remove ${byId.get(id)?.filename} from the listing`}>
                  <ImageMinus aria-hidden className="size-3.5" /> Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {others.length > 0 ? (
        <ul aria-label="Private images" className="flex flex-wrap gap-2">
          {others.map((image) => (
            <li key={image.id}>
              <button type="button" className={button} disabled={pending} onClick={() => save([...listed, image.id], "Photo added to the listing")} aria-label={`Add ${image.filename} to the listing`}>
                <ImagePlus aria-hidden className="size-3.5" /> {image.filename}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-emerald-700"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
