/**
 * A Content-Disposition value (RFC 6266) that survives any file name: a quoted ASCII fallback for old
 * clients, and the exact name as UTF-8 in `filename*`. Header values cannot carry raw non-Latin-1 text.
 */
export function contentDisposition(kind: "attachment" | "inline", filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
