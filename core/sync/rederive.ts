/**
 * A card's state re-derived from every event known for it (this device's and merged
 * ones), in time order, ties broken by event id: its answers and resets replayed through
 * ts-fsrs (fuzz seeded by the card's identity, see core/scheduler/fsrs.ts), its scheduling
 * fields set by the last change. Every device holding the same events computes the same row.
 */
import type { CardRow, FsrsColumns } from '../model/types.ts';
import { isLeechLapse } from '../review/answer.ts';
import { replayLog } from '../scheduler/fsrs.ts';
import type { StudyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import { SET_FIELDS, type SetField } from './events.ts';
import { nextCount, storeEvent } from './outbox.ts';

interface EventRow {
  id: string;
  at: number;
  type: string;
  rating: number | null;
  ms: number | null;
  field: SetField | null;
  value: number | null;
  target: string | null;
}

const KIND_BY_STATE = ['learning', 'learning', 'review', 'relearning'] as const;

const LOG_UPSERT = `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
  VALUES (@id, @card_id, @deck_id, @rating, @kind, @state_before, @reviewed_at, @duration_ms, @before, @after)
  ON CONFLICT(id) DO UPDATE SET rating = excluded.rating, kind = excluded.kind, state_before = excluded.state_before,
    reviewed_at = excluded.reviewed_at, duration_ms = excluded.duration_ms, before = excluded.before, after = excluded.after
  WHERE review_log.before IS NOT excluded.before OR review_log.after IS NOT excluded.after
    OR review_log.reviewed_at IS NOT excluded.reviewed_at OR review_log.rating IS NOT excluded.rating
    OR review_log.duration_ms IS NOT excluded.duration_ms`;

/**
 * Answers in this card's log that no event records (made before sync was set up, or
 * imported since) become this device's events first, so no answer is left out of the union.
 */
function adoptLog(col: Collection, card: CardRow, key: string, dev: string): void {
  const rows = col
    .stmt(
      `SELECT id, rating, reviewed_at, duration_ms FROM review_log r WHERE card_id = ? AND kind <> 'cram'
       AND NOT EXISTS (SELECT 1 FROM sync_events e WHERE e.id = r.id)`,
    )
    .all(card.id) as { id: string; rating: number; reviewed_at: number; duration_ms: number }[];
  for (const r of rows) {
    const type = r.rating === 0 ? 'reset' : 'answer';
    const answer = type === 'answer' ? { rating: r.rating, ms: r.duration_ms } : {};
    storeEvent(
      col,
      { id: r.id, dev, at: r.reviewed_at, n: nextCount(col, dev), card: key, type, ...answer },
      true,
    );
  }
}

/** Re-derives one card; returns whether its row changed. */
export function rederiveCard(
  col: Collection,
  card: CardRow,
  key: string,
  dev: string,
  time: StudyTime,
): boolean {
  adoptLog(col, card, key, dev);
  const events = col
    .stmt('SELECT * FROM sync_events WHERE card = ? ORDER BY at, dev, n, id')
    .all(key) as EventRow[];
  const undone = new Set(events.filter((e) => e.type === 'undo').map((e) => e.target));
  const answers = events.filter((e) => (e.type === 'answer' || e.type === 'reset') && !undone.has(e.id));
  const preset = col.presetOfDeck(card.deck_id);
  const { dayStartHour } = col.settings();
  const steps: { before: FsrsColumns; after: FsrsColumns }[] = [];
  const log = answers.map((e) => ({ rating: e.type === 'reset' ? 0 : e.rating!, reviewed_at: e.at }));
  const state = replayLog(
    preset,
    card.id,
    card.created_at,
    log,
    dayStartHour,
    (_i, before, after) => steps.push({ before, after }),
    time,
    key,
  );

  // Scheduling fields: suspension and flags start clear (sync's set-up records the ones
  // already made); burial and new-card position stay local unless an event sets them.
  const fields: Record<SetField, number> = {
    suspended: 0,
    flag: 0,
    buried_until: card.buried_until,
    new_position: card.new_position,
  };
  let leech = 0;
  let step = 0;
  for (const e of events) {
    if (e.type === 'set') fields[e.field!] = e.value!;
    else if (answers[step] === e) {
      const { before, after } = steps[step++]!;
      if (after.lapses > before.lapses && isLeechLapse(after.lapses, preset.leech_threshold)) {
        leech = 1;
        if (preset.leech_action === 'suspend') fields.suspended = 1;
      }
    }
  }

  const upsert = col.stmt(LOG_UPSERT);
  answers.forEach((e, i) => {
    const { before, after } = steps[i]!;
    upsert.run({
      id: e.id,
      card_id: card.id,
      deck_id: card.deck_id,
      rating: e.type === 'reset' ? 0 : e.rating,
      kind: e.type === 'reset' ? 'manual' : KIND_BY_STATE[before.state],
      state_before: before.state,
      reviewed_at: e.at,
      duration_ms: e.type === 'reset' ? 0 : e.ms,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    });
  });
  const drop = col.stmt('DELETE FROM review_log WHERE id = ? AND card_id = ?');
  for (const id of undone) if (id) drop.run(id, card.id);

  const next = { ...state, ...fields, leech: Math.max(leech, card.leech) };
  const same =
    (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === card[k]) &&
    SET_FIELDS.every((f) => next[f] === card[f]);
  if (same) return false;
  col
    .stmt(
      `UPDATE cards SET due = @due, stability = @stability, difficulty = @difficulty, elapsed_days = @elapsed_days,
       scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
       state = @state, last_review = @last_review, suspended = @suspended, flag = @flag,
       buried_until = @buried_until, new_position = @new_position, leech = @leech, modified_at = @now WHERE id = @id`,
    )
    .run({ ...next, now: col.now(), id: card.id });
  return true;
}
