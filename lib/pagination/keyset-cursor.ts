import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/uuid";

/** Where a newest-first page ended: rows are ordered by (a time column DESC, id DESC), usually created_at. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export interface Page<View> {
  data: View[];
  nextCursor: string | null;
}

/** `limit` and `cursor` of every newest-first list query ("" counts as absent, as in a submitted form). */
export const pageQueryFields = {
  limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
  cursor: z.preprocess((value) => (value === "" ? undefined : value), z.string().max(200).optional()),
};

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): KeysetPosition {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(createdAt ?? "");
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw new AppError({ code: "validation_failed", message: "Invalid cursor", fieldErrors: { cursor: ["Invalid cursor"] } });
  }
  return { at: date, id };
}

/** The where-clause of "rows after this cursor" in (created_at DESC, id DESC) order; fits any model with both columns. */
export function olderThan(cursor: string) {
  const { at, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] };
}

/** Rows were fetched with `take: limit + 1`; the extra row only says whether another page exists. */
export function toPage<Row extends { createdAt: Date; id: string }, View>(rows: Row[], limit: number, toView: (row: Row) => View): Page<View> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { data: pageRows.map(toView), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}
