/** "First page" / "Next page" under a keyset-paginated list; nothing when the list fits one page. */
export function PageLinks({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between gap-3 text-sm">
      {firstHref ? (
        <a href={firstHref} className="underline">
          First page
        </a>
      ) : (
        <span />
      )}
      {nextHref ? (
        <a href={nextHref} rel="next" className="underline">
          Next page
        </a>
      ) : null}
    </nav>
  );
}
