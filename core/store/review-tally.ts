/**
 * The answers per quarter hour (review_buckets, migration 7) of the rows a bulk load stores
 * into an empty review log, counted as the rows go by instead of grouped from the log
 * afterwards. Once the Stats screen's index, which covered that GROUP BY, is left for later
 * (pending-indexes.ts), the grouping reads the whole table: 0.86 s of CPU for a million rows,
 * against a few milliseconds here for their ~30,000 quarter hours. Each deck's counts
 * (deck_done) are still grouped from the log's time index: counted here, their 625,000 keys
 * for a million rows held 70–90 MB more at the load's peak, which the import cannot spare.
 * Only valid when the log was empty before the load and every row it stores is added here; a
 * row SQLite would bucket otherwise (a time that is not an integer) makes the tally give up,
 * and the table is grouped from the log as before.
 */
import type { Db } from './db.ts';

const QUARTER_HOUR = 900_000;
/** Rows per INSERT: past a few dozen the statement's own cost no longer shows. */
const ROWS = 100;

export class ReviewTally {
  /** bucket → index into the counts below. */
  private readonly buckets = new Map<number, number>();
  private readonly reviews: number[] = [];
  private readonly durations: number[] = [];
  /** False once a row could not be counted as SQLite groups it. */
  valid = true;

  add(reviewedAt: number, durationMs: number): void {
    if (!this.valid) return;
    if (!Number.isSafeInteger(reviewedAt) || !Number.isSafeInteger(durationMs)) {
      this.valid = false;
      return;
    }
    // SQLite's integer division truncates toward zero, as Math.trunc does.
    const bucket = Math.trunc(reviewedAt / QUARTER_HOUR);
    let i = this.buckets.get(bucket);
    if (i === undefined) {
      i = this.reviews.length;
      this.buckets.set(bucket, i);
      this.reviews.push(0);
      this.durations.push(0);
    }
    this.reviews[i]!++;
    this.durations[i]! += durationMs;
  }

  /** Writes review_buckets (emptied first) from the counts, in key order; false (nothing written) if invalid. */
  write(db: Db): boolean {
    if (!this.valid) return false;
    db.exec('DELETE FROM review_buckets');
    const head = 'INSERT INTO review_buckets (bucket, reviews, duration_ms) VALUES ';
    const many = db.prepare(head + Array(ROWS).fill('(?, ?, ?)').join(', '));
    const one = db.prepare(`${head}(?, ?, ?)`);
    const values: number[] = [];
    for (const b of Float64Array.from(this.buckets.keys()).sort()) {
      const i = this.buckets.get(b)!;
      values.push(b, this.reviews[i]!, this.durations[i]!);
      if (values.length === ROWS * 3) {
        many.run(values);
        values.length = 0;
      }
    }
    for (let i = 0; i < values.length; i += 3) one.run(values.slice(i, i + 3));
    return true;
  }
}
