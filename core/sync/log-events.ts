/**
 * Answers stored once. Another device's answer (or reset) on a card this collection has,
 * merged on a large merge's fast path, becomes a review-log row anyway: that row carries the
 * three things the event has that the log lacks (its device, that device's count and the
 * card's identity: `sync_dev`, `sync_n`, `sync_card`) instead of the event being stored again
 * in sync_events (100,000 events stored twice cost a 100,000-event merge about 1.4 s).
 *
 * The invariant: every event is a row of sync_events or a review-log row with `sync_dev`
 * set. Code that reads a card's whole history from sync_events first moves the card's
 * answers stored once there (`moveToEvents`); a log row deleted leaves its event there
 * (migration 16's trigger). Such a row never sorts after its card's head: it is written with
 * the head set to the last event of its re-derivation, and heads only move forward.
 */
import type { Collection } from '../store/collection.ts';
import type { SyncEvent } from './events.ts';

/** Stored once: another device's answer or reset on a card re-derived from what a merge read in bulk. */
export const storedOnce = (e: Pick<SyncEvent, 'type' | 'card'>, known: ReadonlySet<string>): boolean =>
  (e.type === 'answer' || e.type === 'reset') && known.has(e.card);

/** A log row stored once, as the event it is (the columns of sync_events it fills). */
const AS_EVENT = `id, sync_dev, reviewed_at, sync_n, sync_card, CASE rating WHEN 0 THEN 'reset' ELSE 'answer' END,
  nullif(rating, 0), CASE rating WHEN 0 THEN NULL ELSE duration_ms END`;

/**
 * Moves the card's answers stored once (under the identity `key`) into sync_events, with
 * `merged` as their state, so that what reads sync_events reads its whole history. Returns
 * how many moved.
 */
export function moveToEvents(col: Collection, cardId: number, key: string, merged: number): number {
  const moved = col
    .stmt(
      `INSERT OR IGNORE INTO sync_events (id, dev, at, n, card, type, rating, ms, outbox, merged)
       SELECT ${AS_EVENT}, 0, ? FROM review_log WHERE card_id = ? AND sync_card = ? AND sync_dev IS NOT NULL`,
    )
    .run(merged, cardId, key).changes;
  if (moved > 0)
    col
      .stmt(
        'UPDATE review_log SET sync_dev = NULL, sync_n = NULL, sync_card = NULL WHERE card_id = ? AND sync_card = ?',
      )
      .run(cardId, key);
  return moved;
}

/** Of `low`..`high`, the ids of answers stored once (read with those of sync_events: merge.ts storedIds). */
export const ONCE_IDS_IN_RANGE =
  'SELECT id FROM review_log WHERE id >= ? AND id <= ? AND sync_dev IS NOT NULL LIMIT ?';
export const ONCE_IDS_IN =
  'SELECT id FROM review_log WHERE id IN (SELECT value FROM json_each(?)) AND sync_dev IS NOT NULL';
