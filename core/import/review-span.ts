/**
 * A card's imported review rows held as a range of shared columns instead of one object per
 * row. A package brings a million rows: as objects they were a third of the reader's heap,
 * survived every young-generation collection (copied twice each) and cost about a second of
 * garbage collection before storing could start. As columns (13 bytes a row) they are a few
 * typed arrays, read straight into the replay jobs and the review rows.
 */
import type { ReviewKind } from '../model/types.ts';
import type { ImportedReview } from './batch.ts';

/** Kinds by their number in `ReviewColumns.kind`. */
export const REVIEW_KINDS: readonly ReviewKind[] = ['learning', 'review', 'relearning', 'manual', 'cram'];
export const CRAM_KIND = 4;

/** Every card's rows, grouped by card, each card's oldest first. */
export interface ReviewColumns {
  reviewedAt: Float64Array;
  durationMs: Float64Array;
  /** 0–4 (0: a manual reset). */
  rating: Uint8Array;
  /** Index into REVIEW_KINDS. */
  kind: Uint8Array;
}

/** One card's rows: `columns` from `start` up to (not including) `end`. */
export interface ReviewSpan {
  columns: ReviewColumns;
  start: number;
  end: number;
}

/** A card's imported rows: objects (a JSON dump's, with ids and states) or a span of columns. */
export type ImportedReviews = ImportedReview[] | ReviewSpan;

export const isSpan = <T>(r: readonly T[] | ReviewSpan): r is ReviewSpan => !Array.isArray(r);

export const reviewCountOf = (r: ImportedReviews): number => (isSpan(r) ? r.end - r.start : r.length);

/** The rows as objects (for the rare paths: merging into a card the collection has, tests). */
export function reviewList(r: ImportedReviews): ImportedReview[] {
  if (!isSpan(r)) return r;
  const { columns: c, start, end } = r;
  const out: ImportedReview[] = [];
  for (let i = start; i < end; i++)
    out.push({
      rating: c.rating[i] as ImportedReview['rating'],
      reviewedAt: c.reviewedAt[i]!,
      durationMs: c.durationMs[i]!,
      kind: REVIEW_KINDS[c.kind[i]!]!,
    });
  return out;
}

/** Whether the span's times strictly increase (then each row is fresh to a new card, in order). */
export function spanIncreasing({ columns, start, end }: ReviewSpan): boolean {
  const t = columns.reviewedAt;
  for (let i = start + 1; i < end; i++) if (!(t[i]! > t[i - 1]!)) return false;
  return true;
}

/**
 * Whether a value is a well-formed span whose rows pass the checks an ImportedReview's
 * fields get (core/import/check-batch.ts): times 0–8.64e15, durations 0–1 day, ratings 0–4.
 */
export function spanValid(v: unknown, maxRows: number): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const { columns: c, start, end } = v as Partial<ReviewSpan>;
  if (typeof c !== 'object' || c === null) return false;
  const { reviewedAt, durationMs, rating, kind } = c;
  if (
    !(reviewedAt instanceof Float64Array) ||
    !(durationMs instanceof Float64Array) ||
    !(rating instanceof Uint8Array) ||
    !(kind instanceof Uint8Array)
  )
    return false;
  const n = reviewedAt.length;
  if (durationMs.length !== n || rating.length !== n || kind.length !== n) return false;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return false;
  if (start! < 0 || end! < start! || end! > n || end! - start! > maxRows) return false;
  for (let i = start!; i < end!; i++) {
    const t = reviewedAt[i]!;
    const d = durationMs[i]!;
    if (!(t >= 0 && t <= 8.64e15) || !(d >= 0 && d <= 86_400_000)) return false;
    if (rating[i]! > 4 || kind[i]! >= REVIEW_KINDS.length) return false;
  }
  return true;
}
