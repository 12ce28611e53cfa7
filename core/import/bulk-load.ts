/**
 * A large import into a collection that has no notes yet (a new install bringing its Anki
 * collection, a restore) is a bulk load: its rows are all the notes, cards and review log
 * will hold. Keeping their secondary indexes up to date row by row then costs more than the
 * rows themselves (each review row lands on a random page of each review-log index), so the
 * indexes that enforce nothing (not UNIQUE) are dropped for the load and rebuilt after it
 * from their own stored SQL, inside the same transaction: a failure or a dry run rolls the
 * drop back with everything else. Nothing the import reads of those tables needs them: with
 * no notes to begin with, no note or card is matched, and the look-ups by guid and source id
 * go through UNIQUE indexes, which stay. The review-id index (review_log_id, UNIQUE) goes too:
 * the log is empty, so the import checks its ids against the ones it stored (seenReviewIds),
 * and building it after the load is one sort, where a million random ids inserted one by one
 * were two fifths of storing the rows. Its CREATE still enforces it: a repeated id fails it,
 * and the import with it. The triggers that keep the summary
 * tables (full-text index, review buckets, deck totals) are dropped the same way and the
 * tables recounted once after the load; the notes' full-text index, empty since the
 * collection had no notes, is left for the first text search or idle time to fill
 * (core/store/fts-pending.ts), as a large compile leaves it. So are the indexes only the Stats
 * screen and Browse's sorts read (core/store/pending-indexes.ts): they are built by the first
 * query naming them or when the app is idle, a second less of the import for a million answers.
 */

import { withIndexesDropped } from '../store/bulk-indexes.ts';
import type { Collection } from '../store/collection.ts';
import type { ReviewTally } from '../store/review-tally.ts';
import { rebuildSummaries, SUMMARY_TRIGGERS, withTriggersDropped } from '../store/summaries.ts';
import type { ImportBatch } from './batch.ts';
import { reviewCountOf } from './review-span.ts';

/** Below this many incoming review rows, rebuilding the indexes is not worth it. */
export const BULK_REVIEWS = 20_000;

/**
 * How the indexes are sorted after the load (core/store/bulk-indexes.ts): runs of 8 MiB, and
 * one helper thread, since the replay worker has stopped by then and its core is free. The
 * load itself keeps the collection's page cache: its rows are appended, and a 64 MiB cache
 * (kept while the review-id index took random inserts) cost 25 MB more for no time saved.
 */
const SORT = { cacheKib: 8 * 1024, threads: 1 };

/**
 * Built later (pending-indexes.ts): the Stats screen's covering index of the log and the
 * indexes Browse walks for its sorts, which review, the queue and deck counts never read.
 */
export const LATER_INDEXES = [
  'review_log_stats',
  'notes_sort_front',
  'notes_sort_back',
  'cards_recall',
  'cards_stability',
  'cards_difficulty',
  'cards_lapses',
] as const;

export function reviewCount(batch: ImportBatch): number {
  let n = 0;
  for (const note of batch.notes) for (const card of note.cards) n += reviewCountOf(card.reviews);
  return n;
}

/**
 * Runs `load` (inside the caller's transaction) with the deferrable indexes dropped, then rebuilds them.
 * `tally`: the review rows `load` stored, counted for the summaries (core/store/review-tally.ts).
 */
export function withIndexesDeferred<T>(col: Collection, load: () => T, tally?: ReviewTally): T {
  const { db } = col;
  if (!db.inTransaction) throw new Error('withIndexesDeferred runs inside a transaction');
  return withTriggersDropped(db, SUMMARY_TRIGGERS, () => {
    const result = withIndexesDropped(
      db,
      {
        tables: ['notes', 'cards', 'review_log'],
        unique: ['review_log_id'],
        sort: SORT,
        later: LATER_INDEXES,
        rebuildFailed: (name) => (name === 'review_log_id' ? repeatedReviewId(col) : undefined),
      },
      load,
    );
    rebuildSummaries(db, { textLater: true, tally });
    return result;
  });
}

/** The error for a review id the load stored twice (the review-id index could not be built), if one was. */
function repeatedReviewId(col: Collection): Error | undefined {
  const id = col.db
    .prepare('SELECT id FROM review_log GROUP BY id HAVING count(*) > 1 LIMIT 1')
    .pluck()
    .get();
  return id === undefined
    ? undefined
    : new Error(`review id ${JSON.stringify(id)} is given to two review rows`);
}
