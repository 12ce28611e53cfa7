/** Reads a preset's review log, card by card, into the optimizer's items. */
import type { ReviewKind } from '../model/types.ts';
import { studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import { DataBuilder, type LogEntry, type OptimizerData } from './items.ts';

/**
 * The history of every card whose deck uses the preset now (as Anki's `preset:NAME` search),
 * retired and suspended cards included: what the user answered still says how they remember.
 * Read through the index on (card_id, reviewed_at), one card after another.
 */
export function presetHistory(col: Collection, presetId: number): OptimizerData {
  const time = studyTime(col.settings().dayStartHour);
  const builder = new DataBuilder((t) => time.day(t));
  const rows = col
    .stmt(
      `SELECT r.card_id, r.rating, r.kind, r.reviewed_at FROM review_log r
       WHERE r.card_id IN (SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.preset_id = ?)
       ORDER BY r.card_id, r.reviewed_at, r.seq`,
    )
    .raw()
    .iterate(presetId) as IterableIterator<[number, number, ReviewKind, number]>;
  let card = -1;
  let entries: LogEntry[] = [];
  for (const [cardId, rating, kind, reviewedAt] of rows) {
    if (cardId !== card) {
      if (entries.length) builder.addCard(entries);
      entries = [];
      card = cardId;
    }
    entries.push({ rating, kind, reviewedAt });
  }
  if (entries.length) builder.addCard(entries);
  return builder.build();
}
