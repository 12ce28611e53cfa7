/**
 * A bulk load's answers counted as they are written, per quarter hour (review_buckets) and
 * per deck and quarter hour (deck_done), the two summary tables the review log's triggers
 * keep. The load drops those triggers; counting here and writing the counts once after
 * costs a few milliseconds, where recounting a million stored rows with GROUP BY took about
 * a second. The counts are the triggers' own: the same bucket (`reviewed_at / 900000` as
 * SQLite divides the stored value), the same conditions, added to the rows already there.
 */
import type { Db } from '../store/db.ts';

const BUCKET = 900_000;

/** `reviewed_at / 900000` as SQLite computes it: integer division (toward zero) for an integer, else real. */
export function bucketOf(reviewedAt: number): number {
  if (!Number.isInteger(reviewedAt) || Math.abs(reviewedAt) >= 2 ** 63) return reviewedAt / BUCKET;
  if (reviewedAt < 0 || reviewedAt > Number.MAX_SAFE_INTEGER) return Number(BigInt(reviewedAt) / 900_000n);
  let b = Math.trunc(reviewedAt / BUCKET);
  // Exact: the quotient's rounding could land one off for very large times.
  if (b * BUCKET > reviewedAt) b--;
  else if ((b + 1) * BUCKET <= reviewedAt) b++;
  return b;
}

export class ReviewTally {
  /** bucket → [answers, total duration]. */
  private readonly buckets = new Map<number, [number, number]>();
  /** deck → bucket → [new cards (not cram), reviews]. */
  private readonly done = new Map<number, Map<number, [number, number]>>();

  /** One stored review row (its values as stored). */
  add(deckId: number, reviewedAt: number, stateBefore: number, kind: string, durationMs: number): void {
    const b = bucketOf(reviewedAt);
    const t = this.buckets.get(b);
    if (t) {
      t[0]++;
      t[1] += durationMs;
    } else this.buckets.set(b, [1, durationMs]);
    let deck = this.done.get(deckId);
    if (!deck) {
      deck = new Map();
      this.done.set(deckId, deck);
    }
    const isNew = stateBefore === 0 && kind !== 'cram' ? 1 : 0;
    const isReview = kind === 'review' ? 1 : 0;
    const d = deck.get(b);
    if (d) {
      d[0] += isNew;
      d[1] += isReview;
    } else deck.set(b, [isNew, isReview]);
  }

  /** Adds the counts to the tables, as the insert triggers would have row by row. */
  write(db: Db): void {
    const bucket = db.prepare(
      `INSERT INTO review_buckets (bucket, reviews, duration_ms) VALUES (?, ?, ?)
       ON CONFLICT (bucket) DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms`,
    );
    for (const [b, [n, ms]] of this.buckets) bucket.run(b, n, ms);
    const done = db.prepare(
      `INSERT INTO deck_done (deck_id, bucket, new, review) VALUES (?, ?, ?, ?)
       ON CONFLICT (deck_id, bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review`,
    );
    for (const [deckId, byBucket] of this.done) for (const [b, [n, r]] of byBucket) done.run(deckId, b, n, r);
  }
}
