/**
 * The tables that triggers keep in step with the rows they summarize (migration 7): the
 * notes' full-text index, answers and time per quarter hour, each deck's new cards and reviews
 * per quarter hour, cards in play by the quarter hour they come due, and each deck's card total.
 * A bulk load drops those triggers for its rows and calls `rebuildSummaries` once at the end,
 * which recounts every table from its rows (the same statements the migration filled them with).
 */
import type { Db } from './db.ts';

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

export function rebuildSummaries(db: Db): void {
  db.exec(`
    INSERT INTO notes_fts (notes_fts) VALUES ('delete-all');
    INSERT INTO notes_fts (rowid, body)
      SELECT id, (SELECT group_concat(value, char(10)) FROM json_each(fields) WHERE type = 'text') FROM notes;
    DELETE FROM review_buckets;
    INSERT INTO review_buckets (bucket, reviews, duration_ms)
      SELECT reviewed_at / 900000, count(*), sum(duration_ms) FROM review_log GROUP BY reviewed_at / 900000;
    DELETE FROM deck_done;
    INSERT INTO deck_done (deck_id, bucket, new, review)
      SELECT deck_id, reviewed_at / 900000, sum(state_before = 0 AND kind <> 'cram'), sum(kind = 'review')
      FROM review_log GROUP BY deck_id, reviewed_at / 900000;
    DELETE FROM due_counts;
    INSERT INTO due_counts (bucket, cards)
      SELECT CAST(due AS INTEGER) / 900000, count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND retired = 0
      GROUP BY CAST(due AS INTEGER) / 900000;
    DELETE FROM deck_totals;
    INSERT INTO deck_totals (deck_id, cards)
      SELECT deck_id, count(*) FROM cards WHERE retired = 0 GROUP BY deck_id;
  `);
}
