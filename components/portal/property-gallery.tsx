import { PropertyPhoto } from "./property-photo";

/**
 * The listing's photos, cover first: one large, the others as thumbnails that open it (`?photo=<n>`),
 * so the gallery works without JavaScript and every photo has its own link.
 */
export function PropertyGallery({ name, photoUrls, selected }: { name: string; photoUrls: string[]; selected: number }) {
  const index = Number.isInteger(selected) && selected >= 0 && selected < photoUrls.length ? selected : 0;
  return (
    <section aria-label="Photos" className="mt-4">
      <PropertyPhoto photoUrl={photoUrls[index] ?? null} name={name} eager className="aspect-[4/3] w-full rounded-lg" />
      {photoUrls.length > 1 ? (
        <ul className="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-6" data-testid="gallery-thumbnails">
          {photoUrls.map((url, position) => (
            <li key={url}>
              <a
                href={`?photo=${position}`}
                aria-label={`Photo ${position + 1} of ${photoUrls.length}`}
                aria-current={position === index ? "true" : undefined}
                className={`block overflow-hidden rounded-md ring-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 ${position === index ? "ring-2 ring-[var(--primary-color)]" : ""}`}
              >
                {/* Decorative: the link's label names the photo. */}
                <img src={url} alt="" loading="lazy" decoding="async" className="aspect-square w-full bg-slate-100 object-cover" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
