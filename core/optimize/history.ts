/** A preset's review log, card by card, as the optimizer's items. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import { DataBuilder, type LogEntry, type OptimizerData } from './items.ts';
import { KIND_CODES, readPresetLog } from './read-log.ts';

/** Rows turned into items between two turns of the event loop, so answers are never kept waiting long. */
const CHUNK = 5_000;

/**
 * The history of every card whose deck uses the preset now (as Anki's `preset:NAME` search),
 * retired and suspended cards included: what the user answered still says how they remember.
 * Read on a worker thread (see read-log.ts); the items are built here in chunks.
 */
export async function presetHistory(col: Collection, presetId: number): Promise<OptimizerData> {
  const log = await readPresetLog(col, presetId);
  const time = studyTime(col.settings().dayStartHour);
  const builder = new DataBuilder((t) => time.day(t));
  let entries: LogEntry[] = [];
  let sinceTurn = 0;
  for (let i = 0; i < log.card.length; i++, sinceTurn++) {
    if (i > 0 && log.card[i] !== log.card[i - 1]) {
      builder.addCard(entries);
      entries = [];
      if (sinceTurn >= CHUNK) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
    entries.push({ rating: log.rating[i]!, kind: KIND_CODES[log.kind[i]!]!, reviewedAt: log.reviewedAt[i]! });
  }
  if (entries.length) builder.addCard(entries);
  return builder.build();
}
