/** What a page may announce after a redirect (`?notice=<code>`): codes in the URL, words here. */
export const NOTICES = {
  "property-created": "Property created",
  "property-saved": "Changes saved",
} as const;

export type NoticeCode = keyof typeof NOTICES;

export function noticeMessage(code: string | null): string | null {
  return code !== null && code in NOTICES ? NOTICES[code as NoticeCode] : null;
}
