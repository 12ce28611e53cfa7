/**
 * The review summaries (review_buckets and deck_done, migration 7's counts per quarter hour)
 * of the rows a bulk load stores into an empty review log, counted as the rows go by instead
 * of grouped from the log afterwards. Once the Stats screen's index, which covered the first
 * GROUP BY, is left for later (pending-indexes.ts), that grouping reads the whole table (0.86 s
 * of CPU for a million rows), and each deck's grouping sorts the time index's million entries
 * (0.56 s, then 0.27 s of inserts). Counted here, both tables are written in their key order.
 * Each deck's counts sit in typed arrays, an open-addressing table keyed by quarter hour and
 * deck (625,000 keys for a million rows: 16 MB; counted in Maps they held 70–90 MB more at
 * the load's peak, which the import cannot spare). Only valid when the log was empty before
 * the load (or, added to the tables' rows, when those counted the log before it: a large sync
 * merge's) and every row it stores is added here; a row that cannot be counted so (a time
 * that is not an integer, over 4,096 decks) makes the tally give up, and the tables are
 * grouped from the log as before.
 */
import type { Db } from './db.ts';

const QUARTER_HOUR = 900_000;
/** Rows per INSERT: past a few dozen the statement's own cost no longer shows. */
const ROWS = 100;
/** A key is bucket * DECKS + the deck's number here (buckets of valid times stay below 2^53 / DECKS). */
const DECKS = 4096;

export class ReviewTally {
  /** bucket → index into the counts below. */
  private readonly buckets = new Map<number, number>();
  private readonly reviews: number[] = [];
  private readonly durations: number[] = [];
  /** deck id → its number in the keys, and back. */
  private readonly deckNumbers = new Map<number, number>();
  private readonly deckIds: number[] = [];
  /** The (bucket, deck) table: -1 marks an empty slot. */
  private keys = new Float64Array(1 << 12).fill(-1);
  private news = new Int32Array(1 << 12);
  private reviewKinds = new Int32Array(1 << 12);
  private used = 0;
  /** False once a row could not be counted as SQLite groups it. */
  valid = true;

  add(deckId: number, reviewedAt: number, durationMs: number, stateBefore: number, kind: string): void {
    if (!this.valid) return;
    if (!Number.isSafeInteger(reviewedAt) || reviewedAt < 0 || !Number.isSafeInteger(durationMs)) {
      this.valid = false;
      return;
    }
    const bucket = Math.floor(reviewedAt / QUARTER_HOUR);
    let i = this.buckets.get(bucket);
    if (i === undefined) {
      i = this.reviews.length;
      this.buckets.set(bucket, i);
      this.reviews.push(0);
      this.durations.push(0);
    }
    this.reviews[i]!++;
    this.durations[i]! += durationMs;
    let d = this.deckNumbers.get(deckId);
    if (d === undefined) {
      d = this.deckIds.length;
      if (d >= DECKS || !Number.isSafeInteger(deckId) || deckId < 0 || deckId >= 2 ** 17) {
        this.valid = false;
        return;
      }
      this.deckNumbers.set(deckId, d);
      this.deckIds.push(deckId);
    }
    const slot = this.slot(bucket * DECKS + d);
    if (stateBefore === 0 && kind !== 'cram') this.news[slot]!++;
    if (kind === 'review') this.reviewKinds[slot]!++;
  }

  /** The slot of `key`, taken for it if new (the table doubles past three quarters full). */
  private slot(key: number): number {
    if (this.used * 4 >= this.keys.length * 3) this.grow();
    return this.find(key);
  }

  /** The slot holding `key`, or the empty one it would take (then taken). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    let s = hash(key) & mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === key) return s;
      if (k === -1) {
        this.keys[s] = key;
        this.used++;
        return s;
      }
      s = (s + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, news, reviewKinds } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.news = new Int32Array(keys.length * 2);
    this.reviewKinds = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let s = 0; s < keys.length; s++) {
      if (keys[s] === -1) continue;
      const t = this.find(keys[s]!);
      this.news[t] = news[s]!;
      this.reviewKinds[t] = reviewKinds[s]!;
    }
  }

  /**
   * Writes review_buckets and deck_done from the counts; false (nothing written) if invalid.
   * Emptied first, or with `add`, the counts added to the rows there (those of the rows the
   * log held before).
   */
  write(db: Db, add = false): boolean {
    if (!this.valid) return false;
    if (!add) db.exec('DELETE FROM review_buckets; DELETE FROM deck_done;');
    const buckets = rows(
      db,
      'INSERT INTO review_buckets (bucket, reviews, duration_ms) VALUES ',
      3,
      add
        ? ' ON CONFLICT (bucket) DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms'
        : '',
    );
    for (const b of Float64Array.from(this.buckets.keys()).sort()) {
      const i = this.buckets.get(b)!;
      buckets.add(b, this.reviews[i]!, this.durations[i]!);
    }
    buckets.end();
    // deck_done's key order: by deck id, then quarter hour (deck ids below 2^17, buckets below 2^36).
    const order = new Float64Array(this.used);
    let n = 0;
    for (let s = 0; s < this.keys.length; s++) {
      const key = this.keys[s]!;
      if (key === -1) continue;
      const d = key % DECKS;
      order[n++] = this.deckIds[d]! * 2 ** 36 + (key - d) / DECKS;
    }
    order.sort();
    const done = rows(
      db,
      'INSERT INTO deck_done (deck_id, bucket, new, review) VALUES ',
      4,
      add
        ? ' ON CONFLICT (deck_id, bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review'
        : '',
    );
    for (const o of order) {
      const bucket = o % 2 ** 36;
      const deckId = (o - bucket) / 2 ** 36;
      const s = this.find(bucket * DECKS + this.deckNumbers.get(deckId)!);
      done.add(deckId, bucket, this.news[s]!, this.reviewKinds[s]!);
    }
    done.end();
    return true;
  }
}

/** A key's 32-bit mix (keys are whole numbers below 2^53). */
function hash(key: number): number {
  const lo = key | 0;
  const hi = (key / 4294967296) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ (lo >>> 15);
}

/**
 * Rows written ROWS to a statement, the rest one by one; `tail` ends each statement. (One row
 * to a statement, adding a 100,000-answer sync merge's counts took 0.24–0.27 s of CPU against
 * 0.13–0.14 s.)
 */
function rows(db: Db, head: string, width: number, tail: string) {
  const values: number[] = [];
  const many = db.prepare(
    head +
      Array(ROWS)
        .fill(`(${Array(width).fill('?').join(', ')})`)
        .join(', ') +
      tail,
  );
  return {
    add(...row: number[]) {
      for (const v of row) values.push(v);
      if (values.length === ROWS * width) {
        many.run(values);
        values.length = 0;
      }
    },
    end() {
      const one = db.prepare(`${head}(${Array(width).fill('?').join(', ')})${tail}`);
      for (let i = 0; i < values.length; i += width) one.run(values.slice(i, i + width));
    },
  };
}
