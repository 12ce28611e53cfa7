/**
 * The tables that triggers keep in step with the rows they summarize (migration 7): the
 * notes' full-text index, answers and time per quarter hour, each deck's new cards and reviews
 * per quarter hour, cards in play by the quarter hour they come due, and each deck's card total.
 * A bulk load drops those triggers for its rows and calls `rebuildSummaries` once at the end,
 * which recounts every table from its rows (the same statements the migration filled them with;
 * a bulk import leaves the full-text index to catch up later).
 */
import { phase } from '../util/phases.ts';
import type { Db } from './db.ts';
import { clearUnindexed, markNotesUnindexed, NOTE_TEXT } from './fts-pending.ts';
import { ReviewTally } from './review-tally.ts';

/** The triggers a bulk load may defer: they only keep these tables in step. */
export const SUMMARY_TRIGGERS = [
  'notes_fts_insert',
  'notes_fts_delete',
  'notes_fts_update',
  'review_buckets_insert',
  'review_buckets_delete',
  'review_buckets_update',
  'deck_done_insert',
  'deck_done_delete',
  'deck_done_update',
  'due_counts_insert',
  'due_counts_delete',
  'due_counts_update',
  'deck_totals_insert',
  'deck_totals_delete',
  'deck_totals_update',
] as const;

/**
 * `textLater`: for a load into a collection that had no notes (so an empty full-text index),
 * the notes are marked for the index to catch up on (fts-pending.ts: the first text search,
 * or the app's idle time) instead of indexed now, as a large compile leaves them.
 */
export function rebuildSummaries(db: Db, options: { textLater?: boolean; tally?: ReviewTally } = {}): void {
  if (options.textLater) markNotesUnindexed(db, 0);
  else
    db.exec(`
    INSERT INTO notes_fts (notes_fts) VALUES ('delete-all');
    INSERT INTO notes_fts (rowid, body)
      SELECT id, ${NOTE_TEXT} FROM notes;`);
  // `tally`: every row of the log, counted as a bulk load stored them into an empty log.
  if (!options.tally?.write(db))
    db.exec(`
    DELETE FROM review_buckets;
    INSERT INTO review_buckets (bucket, reviews, duration_ms)
      SELECT reviewed_at / 900000, count(*), sum(duration_ms) FROM review_log GROUP BY reviewed_at / 900000;
    DELETE FROM deck_done;
    INSERT INTO deck_done (deck_id, bucket, new, review)
      SELECT deck_id, reviewed_at / 900000, sum(state_before = 0 AND kind <> 'cram'), sum(kind = 'review')
      FROM review_log GROUP BY reviewed_at / 900000, deck_id;
  `);
  // Grouped by time first: the covering index it scans (review_log_time) is in that order, so
  // the grouping's sort takes its rows almost in order (half the time of deck first, for a
  // million rows); deck_done is keyed by (deck, bucket), so its rows are the same either way.
  if (!options.textLater) clearUnindexed(db); // every note is in the index now
  recountCards(db);
}

/** Recounts the per-card summaries (cards in play per due quarter hour, each deck's total). */
function recountCards(db: Db): void {
  recountDue(db);
  db.exec(`
    DELETE FROM deck_totals;
    INSERT INTO deck_totals (deck_id, cards)
      SELECT deck_id, count(*) FROM cards WHERE retired = 0 GROUP BY deck_id;
  `);
}

/** Recounts the cards in play per due quarter hour. */
function recountDue(db: Db): void {
  db.exec(`
    DELETE FROM due_counts;
    INSERT INTO due_counts (bucket, cards)
      SELECT CAST(due AS INTEGER) / 900000, count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND retired = 0
      GROUP BY CAST(due AS INTEGER) / 900000;
  `);
}

/**
 * Runs `fn` with the named triggers dropped, then creates them again from their own SQL. Inside
 * the caller's transaction: if `fn` throws, the rollback brings the triggers back too.
 */
export function withTriggersDropped<T>(db: Db, names: readonly string[], fn: () => T): T {
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})
       ORDER BY rowid`,
    )
    .all(...names) as { name: string; sql: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
  const result = fn();
  for (const { sql } of triggers) db.exec(sql);
  return result;
}

/** The insert triggers `withInsertsDeferred` drops: one full-text row per note, one count per card. */
const INSERT_TRIGGERS = ['notes_fts_insert', 'deck_totals_insert', 'due_counts_insert'] as const;

/** From this many new notes, indexing them once after the load beats a trigger per row (5 s vs 0.8 s per 100,000). */
export const BULK_NOTES = 2_000;

/**
 * Runs `load` (inside the caller's transaction, which rolls everything back on failure) with
 * the insert triggers of the full-text index and the per-card counts dropped, when it may
 * add `expected` ≥ `threshold` notes: then the card counts are recounted (a GROUP BY over the
 * cards) and the new notes are marked for the full-text index to catch up on later
 * (fts-pending.ts: on the first text search, or when the app is idle), which would be 0.8 s
 * of a 100,000-note compile. Update and delete triggers stay, so a row changed during the
 * load is kept in step as usual.
 */
export function withInsertsDeferred<T>(db: Db, expected: number, load: () => T, threshold = BULK_NOTES): T {
  if (expected < threshold) return load();
  if (!db.inTransaction) throw new Error('withInsertsDeferred runs inside a transaction');
  const before = (db.prepare('SELECT coalesce(max(id), 0) FROM notes').pluck().get() as number) ?? 0;
  return withTriggersDropped(db, INSERT_TRIGGERS, () => {
    const result = load();
    markNotesUnindexed(db, before + 1);
    recountCards(db);
    return result;
  });
}

/** The triggers a large sync merge holds back: a count per new log row, a due-count move per card row. */
const MERGE_TRIGGERS = ['review_buckets_insert', 'deck_done_insert', 'due_counts_update'] as const;

/** A card row's fields that decide where due_counts counts it (the due_counts_update trigger's). */
export interface DueFields {
  due: number;
  state: number;
  suspended: number;
  retired: number;
}

/**
 * What a large merge notes while its triggers are held back (`withMergeTriggersDeferred`):
 * each new log row, counted (ReviewTally) and its time kept; whether a log row was updated
 * or deleted meanwhile; and each card row's move between due quarter hours.
 */
export class MergeNotes {
  readonly tally = new ReviewTally();
  readonly times: number[] = [];
  /**
   * A log row changed or removed during the load: its update or delete trigger moved a count
   * that may not be there yet (a quarter hour whose only rows are new), so adding the tally
   * could leave one off; the quarter hours are then recounted from their rows.
   */
  disturbed = false;
  /** Due quarter hour → cards gained (or lost, below 0) there. */
  private readonly dueMoves = new Map<number, number>();
  /** False once a due could not be bucketed as SQLite buckets it: due_counts are then recounted. */
  private dueValid = true;

  inserted(deckId: number, reviewedAt: number, durationMs: number, stateBefore: number, kind: string): void {
    this.tally.add(deckId, reviewedAt, durationMs, stateBefore, kind);
    this.times.push(reviewedAt);
  }

  /** A card row rewritten from `before` to `after` (as due_counts_update would count it). */
  cardMoved(before: DueFields, after: DueFields): void {
    this.dueMove(before, -1);
    this.dueMove(after, 1);
  }

  private dueMove(c: DueFields, by: number): void {
    if (c.state === 0 || c.suspended !== 0 || c.retired !== 0) return;
    // CAST(due AS INTEGER) / 900000: SQLite's integer division, exact for a safe whole due.
    if (!Number.isSafeInteger(c.due) || c.due < 0) {
      this.dueValid = false;
      return;
    }
    const bucket = Math.floor(c.due / 900_000);
    this.dueMoves.set(bucket, (this.dueMoves.get(bucket) ?? 0) + by);
  }

  /** Adds the moves to due_counts, in key order; false (nothing written) if one could not be bucketed. */
  writeDueMoves(db: Db): boolean {
    if (!this.dueValid) return false;
    const add = db.prepare(
      `INSERT INTO due_counts (bucket, cards) VALUES (?, ?)
       ON CONFLICT (bucket) DO UPDATE SET cards = cards + excluded.cards`,
    );
    for (const bucket of Float64Array.from(this.dueMoves.keys()).sort()) {
      const by = this.dueMoves.get(bucket)!;
      if (by !== 0) add.run(bucket, by);
    }
    return true;
  }
}

/**
 * Runs `load` (inside the caller's transaction) without the log rows' insert triggers and
 * the card rows' due-count trigger. `load` notes each log row it inserts and each card row it
 * rewrites (MergeNotes); their counts are then added to the summaries in key order (a
 * 100,000-answer merge's recount of its quarter hours from the log and of every card's due
 * took 0.30 s of CPU; adding them, 0.13–0.14 s, most of it deck_done's upserts). A log row
 * changed or removed meanwhile makes the merge recount its quarter hours from the log instead
 * (see MergeNotes.disturbed). Delete and update triggers of the log stay, so a row changed or
 * removed meanwhile is kept in step; every card row the load rewrites must be noted.
 */
export function withMergeTriggersDeferred<T>(db: Db, load: (notes: MergeNotes) => T): T {
  if (!db.inTransaction) throw new Error('withMergeTriggersDeferred runs inside a transaction');
  return withTriggersDropped(db, MERGE_TRIGGERS, () => {
    const notes = new MergeNotes();
    const result = load(notes);
    phase('recount', () => {
      if (notes.disturbed || !notes.tally.write(db, true))
        phase('summaries recounted', () => recountBuckets(db, notes.times));
      if (!notes.writeDueMoves(db)) phase('due counts recounted', () => recountDue(db));
    });
    return result;
  });
}

/** Recounts the review summaries of the quarter hours holding `times`, from their log rows. */
function recountBuckets(db: Db, times: readonly number[]): void {
  const buckets = JSON.stringify([...new Set(times.map((t) => Math.trunc(t / 900_000)))]);
  const rows =
    'json_each(?) k JOIN review_log r ON r.reviewed_at >= k.value * 900000 AND r.reviewed_at < (k.value + 1) * 900000';
  db.prepare('DELETE FROM review_buckets WHERE bucket IN (SELECT value FROM json_each(?))').run(buckets);
  db.prepare(
    `INSERT INTO review_buckets (bucket, reviews, duration_ms)
     SELECT k.value, count(*), sum(r.duration_ms) FROM ${rows} GROUP BY k.value`,
  ).run(buckets);
  db.prepare('DELETE FROM deck_done WHERE bucket IN (SELECT value FROM json_each(?))').run(buckets);
  db.prepare(
    `INSERT INTO deck_done (deck_id, bucket, new, review)
     SELECT r.deck_id, k.value, sum(r.state_before = 0 AND r.kind <> 'cram'), sum(r.kind = 'review')
     FROM ${rows} GROUP BY r.deck_id, k.value`,
  ).run(buckets);
}

/** From this many notes whose text may change, re-indexing them after the load beats the update trigger. */
export const BULK_REWRITES = 200;

/**
 * Runs `load` (inside the caller's transaction) without the full-text index's update trigger
 * when it may rewrite `expected` ≥ `threshold` notes' fields; `load` lists the notes whose
 * fields it rewrote, and their index rows are then replaced in two statements (a trigger per
 * row costs 2.5 times as much: 48 ms against 20 ms of CPU for 1,000 notes). A note the index
 * is behind on (fts-pending.ts) is indexed as the trigger would have indexed it.
 */
export function withRewritesDeferred<T>(
  db: Db,
  expected: number,
  load: (rewritten: number[]) => T,
  threshold = BULK_REWRITES,
): T {
  if (expected < threshold) return load([]);
  if (!db.inTransaction) throw new Error('withRewritesDeferred runs inside a transaction');
  return withTriggersDropped(db, ['notes_fts_update'], () => {
    const rewritten: number[] = [];
    const result = load(rewritten);
    if (rewritten.length > 0) {
      const ids = JSON.stringify(rewritten);
      db.prepare('DELETE FROM notes_fts WHERE rowid IN (SELECT value FROM json_each(?))').run(ids);
      db.prepare(
        `INSERT INTO notes_fts (rowid, body)
         SELECT id, ${NOTE_TEXT} FROM notes
         WHERE id IN (SELECT value FROM json_each(?))`,
      ).run(ids);
    }
    return result;
  });
}
