/**
 * A card's state re-derived from every event known for it (this device's and merged
 * ones), in time order, ties broken by event id: its answers and resets replayed through
 * ts-fsrs (fuzz seeded by the card's identity, see core/scheduler/fsrs.ts), its scheduling
 * fields set by the last change. Every device holding the same events computes the same row.
 */
import type { CardRow, FsrsColumns } from '../model/types.ts';
import { isLeechLapse } from '../review/answer.ts';
import { forgetState, fsrsColumnsOf, nextState, replayLog } from '../scheduler/fsrs.ts';
import type { StudyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { SetField } from './events.ts';
import { nextCount, storeEvent } from './outbox.ts';
import { dayStartAt, presetTimeline } from './settings-timeline.ts';

export interface EventRow {
  id: string;
  dev: string;
  at: number;
  n: number;
  merged: number;
  type: string;
  rating: number | null;
  ms: number | null;
  field: SetField | null;
  value: number | null;
  target: string | null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const KIND_BY_STATE = ['learning', 'learning', 'review', 'relearning'] as const;

const LOG_INSERT = `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
  VALUES (@id, @card_id, @deck_id, @rating, @kind, @state_before, @reviewed_at, @duration_ms, @before, @after)
  ON CONFLICT(id) DO NOTHING`;
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
function adoptLog(col: Collection, card: CardRow, key: string, dev: string): number {
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
  return rows.length;
}

type Fields = Record<SetField, number>;
interface Step {
  event: EventRow;
  before: FsrsColumns;
  after: FsrsColumns;
}

const logCount = (col: Collection, cardId: number) =>
  col.stmt('SELECT count(*) FROM review_log WHERE card_id = ?').pluck().get(cardId) as number;

/**
 * What a merge read for many cards at once (see batch.ts): the card's head with its event's
 * replay position (`later`: an already merged event may sort after it), its review-log row
 * count, and its events not yet merged, in replay order.
 */
export interface Prefetched {
  head: { event: string; logs: number; at: number; dev: string; n: number; later: number } | undefined;
  logs: number;
  pending: readonly EventRow[];
  /** Without a head: whether any of its events was merged before. */
  merged: boolean;
}

/**
 * Where `write` notes the time of each log row it inserts while a merge collects them (the
 * merge recounts those rows' summaries itself when it holds their triggers back).
 */
let inserted: number[] | null = null;

export function collectingInserts<T>(into: number[], fn: () => T): T {
  inserted = into;
  try {
    return fn();
  } finally {
    inserted = null;
  }
}

/** Re-derives one card from its events; returns whether its row changed. */
export function rederiveCard(
  col: Collection,
  card: CardRow,
  key: string,
  dev: string,
  time: StudyTime,
  known?: Prefetched,
): boolean {
  const quick = known ? continueKnown(col, card, key, dev, known, time) : null;
  if (quick !== null) return quick;
  // The log has no row that no event records when it has as many rows as when the head was
  // set (counting is cheap; looking each row up among the events is not).
  const head = col.stmt('SELECT event, logs FROM sync_heads WHERE card = ?').get(key) as
    | { event: string; logs: number }
    | undefined;
  const adopted = head && head.logs === logCount(col, card.id) ? 0 : adoptLog(col, card, key, dev);
  const events = col
    .stmt('SELECT * FROM sync_events WHERE card = ? ORDER BY at, dev, n, id')
    .all(key) as EventRow[];
  const fast = adopted === 0 ? continueCard(col, card, key, dev, events, head?.event) : null;
  return fast ?? replayCard(col, card, key, events, time);
}

/**
 * The common case, fast: the row reflects the card's events up to its head (see
 * outbox.ts), and every event after the head is new and undoes nothing (a device appending
 * in time order). The new answers then continue from the row exactly as a full replay would
 * (the answer path and the replay are the same ts-fsrs steps, seeded alike). Else null.
 */
function continueCard(
  col: Collection,
  card: CardRow,
  key: string,
  dev: string,
  events: EventRow[],
  head: string | undefined,
): boolean | null {
  const firstNew = head === undefined ? -1 : events.findIndex((e) => e.id === head) + 1;
  if (firstNew <= 0 || events.slice(firstNew).some((e) => e.merged === 1 || e.type === 'undo')) return null;
  // An event from elsewhere that sorts before the head is not in the row yet (this device's own are).
  if (events.slice(0, firstNew).some((e) => e.merged !== 1 && e.dev !== dev)) return null;
  return stepOn(col, card, key, events.slice(firstNew), events.at(-1)?.id, undefined);
}

/**
 * `continueCard` on what a merge read in bulk: the same conditions, checked on the card's
 * unmerged events and its head's position instead of its whole history (which is not read).
 * The new log rows are counted as they are written instead of counting the log again.
 */
function continueKnown(
  col: Collection,
  card: CardRow,
  key: string,
  dev: string,
  { head, logs, pending, merged }: Prefetched,
  time: StudyTime,
): boolean | null {
  // A card never synced before: its unmerged events are all it has, replayed from a new card.
  if (!head) return logs === 0 && !merged ? replayCard(col, card, key, pending, time, 0) : null;
  // Rows no event records, an event already merged after the head: the general path decides.
  if (head.logs !== logs || head.later) return null;
  const fresh: EventRow[] = [];
  for (const e of pending) {
    // Replay order (as outbox.ts's replayOrder): time, device, the device's count, id.
    const order = e.at - head.at || cmp(e.dev, head.dev) || e.n - head.n || cmp(e.id, head.event);
    // Before the head (or the head itself): in the row already if it is this device's own.
    if (order <= 0) {
      if (e.dev !== dev) return null;
    } else if (e.type === 'undo') return null;
    else fresh.push(e);
  }
  return stepOn(col, card, key, fresh, fresh.at(-1)?.id ?? head.event, logs);
}

/**
 * Applies `fresh`, the events after the card's head, onto its row. `last`: the card's new
 * head; `logs`: its log rows before, when known (then not counted again).
 */
function stepOn(
  col: Collection,
  card: CardRow,
  key: string,
  fresh: readonly EventRow[],
  last: string | undefined,
  logs: number | undefined,
): boolean {
  const preset = col.presetOfDeck(card.deck_id);
  const presetAt = presetTimeline(col, card.deck_id);
  const hourAt = dayStartAt(col);
  let row: CardRow & { seed: string } = { ...card, seed: key };
  const steps: Step[] = [];
  for (const e of fresh) {
    if (e.type !== 'answer' && e.type !== 'reset') continue;
    const before = fsrsColumnsOf(row);
    const after =
      e.type === 'reset'
        ? forgetState(presetAt(e.at), row, e.at, hourAt(e.at))
        : nextState(presetAt(e.at), row, e.at, e.rating as 1 | 2 | 3 | 4, hourAt(e.at));
    steps.push({ event: e, before, after });
    row = { ...row, ...after };
  }
  const fields: Fields = {
    suspended: card.suspended,
    flag: card.flag,
    buried_until: card.buried_until,
    new_position: card.new_position,
  };
  const { leech } = foldFields(fresh, steps, fields, preset.leech_threshold, preset.leech_action);
  return write(
    col,
    card,
    key,
    last,
    { ...fsrsColumnsOf(row), ...fields, leech: Math.max(leech, card.leech) },
    steps,
    [],
    logs,
  );
}

/** Applies set events and leech suspensions, in event order, onto `fields`. */
function foldFields(
  events: readonly EventRow[],
  steps: readonly Step[],
  fields: Fields,
  threshold: number,
  action: string,
): { leech: number } {
  let leech = 0;
  let step = 0;
  for (const e of events) {
    if (e.type === 'set') fields[e.field!] = e.value!;
    else if (steps[step]?.event === e) {
      const { before, after } = steps[step++]!;
      if (after.lapses > before.lapses && isLeechLapse(after.lapses, threshold)) {
        leech = 1;
        if (action === 'suspend') fields.suspended = 1;
      }
    }
  }
  return { leech };
}

/** Every event of the card replayed from a new card. */
function replayCard(
  col: Collection,
  card: CardRow,
  key: string,
  events: readonly EventRow[],
  time: StudyTime,
  logs?: number,
): boolean {
  const undone = new Set(events.filter((e) => e.type === 'undo').map((e) => e.target));
  const answers = events.filter((e) => (e.type === 'answer' || e.type === 'reset') && !undone.has(e.id));
  const preset = col.presetOfDeck(card.deck_id);
  const steps: Step[] = [];
  const log = answers.map((e) => ({ rating: e.type === 'reset' ? 0 : e.rating!, reviewed_at: e.at }));
  const state = replayLog(
    presetTimeline(col, card.deck_id),
    card.id,
    card.created_at,
    log,
    dayStartAt(col),
    (i, before, after) => steps.push({ event: answers[i]!, before, after }),
    time,
    key,
  );
  // Suspension and flags start clear (sync's set-up records the ones already made); burial
  // and the new-card position stay local unless an event sets them.
  const fields: Fields = {
    suspended: 0,
    flag: 0,
    buried_until: card.buried_until,
    new_position: card.new_position,
  };
  const { leech } = foldFields(events, steps, fields, preset.leech_threshold, preset.leech_action);
  const drop = [...undone].filter((id): id is string => id !== null);
  return write(
    col,
    card,
    key,
    events.at(-1)?.id,
    { ...state, ...fields, leech: Math.max(leech, card.leech) },
    steps,
    drop,
    logs,
  );
}

/**
 * Stores the derived row and the log rows of its answers; removes undone answers' rows.
 * `last`: the card's newest event (its new head); `logs`: its log rows before, when known.
 */
function write(
  col: Collection,
  card: CardRow,
  key: string,
  last: string | undefined,
  next: FsrsColumns & Fields & { leech: number },
  steps: readonly Step[],
  undone: readonly string[],
  logs?: number,
): boolean {
  // A new row is a plain insert (most are); one already there is updated only where it differs.
  const insert = col.stmt(LOG_INSERT);
  const upsert = col.stmt(LOG_UPSERT);
  let added = 0;
  for (const { event: e, before, after } of steps) {
    const row = {
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
    };
    if (insert.run(row).changes > 0) {
      added++;
      inserted?.push(e.at);
    } else upsert.run(row);
  }
  const drop = col.stmt('DELETE FROM review_log WHERE id = ? AND card_id = ?');
  let dropped = 0;
  for (const id of undone) dropped += drop.run(id, card.id).changes;
  if (last !== undefined) {
    col
      .stmt(
        `INSERT INTO sync_heads (card, event, logs) VALUES (?, ?, ?)
         ON CONFLICT(card) DO UPDATE SET event = excluded.event, logs = excluded.logs`,
      )
      .run(key, last, logs === undefined ? logCount(col, card.id) : logs + added - dropped);
  }
  if ((Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === card[k])) return false;
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
