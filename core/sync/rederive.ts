/**
 * A card's state re-derived from every event known for it (this device's and merged
 * ones), in time order, ties broken by event id: its answers and resets replayed through
 * ts-fsrs (fuzz seeded by the card's identity, see core/scheduler/fsrs.ts), its scheduling
 * fields set by the last change. Every device holding the same events computes the same row.
 */
import type { CardRow, FsrsColumns, PresetRow } from '../model/types.ts';
import { isLeechLapse } from '../review/answer.ts';
import { forgetState, fsrsColumnsOf, nextState, replayLog } from '../scheduler/fsrs.ts';
import { type StudyTime, studyTime, studyTimes } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { SetField } from './events.ts';
import { nextCount, storeEvent } from './outbox.ts';
import type { Fields, LogRow, RowWriter } from './rows.ts';
import type { DayStartAt } from './settings-collection.ts';
import { dayStartAt, type PresetAt, presetTimeline } from './settings-timeline.ts';

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
 * What one merge's re-derivations share: where they write (see rows.ts), the study-time
 * mapping (it caches days) and each deck's preset (read once, not per card).
 */
export interface Rederivation {
  col: Collection;
  /** This device's id. */
  dev: string;
  time: StudyTime;
  /** The day-start hour in force at a time (it travels as a setting: see settings-collection.ts). */
  hourAt: DayStartAt;
  /** The study-time mapping of each day-start hour met (mostly one, `time`'s). */
  timeFor: (hour: number) => StudyTime;
  rows: RowWriter;
  presets: Map<number, { preset: PresetRow; at: PresetAt }>;
}

export function rederivation(col: Collection, dev: string, rows: RowWriter): Rederivation {
  const time = studyTime(col.settings().dayStartHour);
  return { col, dev, time, hourAt: dayStartAt(col), timeFor: studyTimes(time), rows, presets: new Map() };
}

/** The day-start hour at `at` and its mapping, as nextState and forgetState take them. */
function clockAt(r: Rederivation, at: number): [number, StudyTime] {
  const hour = r.hourAt(at);
  return [hour, r.timeFor(hour)];
}

function presetsOf(r: Rederivation, deckId: number): { preset: PresetRow; at: PresetAt } {
  let p = r.presets.get(deckId);
  if (!p) {
    p = { preset: r.col.presetOfDeck(deckId), at: presetTimeline(r.col, deckId) };
    r.presets.set(deckId, p);
  }
  return p;
}

/** Re-derives one card from its events; returns whether its row changed. */
export function rederiveCard(r: Rederivation, card: CardRow, key: string, known?: Prefetched): boolean {
  const quick = known ? continueKnown(r, card, key, known) : null;
  if (quick !== null) return quick;
  const { col } = r;
  // The log has no row that no event records when it has as many rows as when the head was
  // set (counting is cheap; looking each row up among the events is not).
  const head = col.stmt('SELECT event, logs FROM sync_heads WHERE card = ?').get(key) as
    | { event: string; logs: number }
    | undefined;
  const adopted = head && head.logs === logCount(col, card.id) ? 0 : adoptLog(col, card, key, r.dev);
  const events = col
    .stmt('SELECT * FROM sync_events WHERE card = ? ORDER BY at, dev, n, id')
    .all(key) as EventRow[];
  // A merge stores the events it read in bulk as merged already: they are new all the same.
  if (known) {
    const fresh = new Set(known.pending.map((e) => e.id));
    for (const e of events) if (fresh.has(e.id)) e.merged = 0;
  }
  // Read from what is stored: written at once, for another identity of the card may read it next.
  const fast = adopted === 0 ? continueCard(r, card, key, events, head?.event) : null;
  return fast ?? replayCard(r, card, key, events, undefined, true);
}

/**
 * The common case, fast: the row reflects the card's events up to its head (see
 * outbox.ts), and every event after the head is new and undoes nothing (a device appending
 * in time order). The new answers then continue from the row exactly as a full replay would
 * (the answer path and the replay are the same ts-fsrs steps, seeded alike). Else null.
 */
function continueCard(
  r: Rederivation,
  card: CardRow,
  key: string,
  events: EventRow[],
  head: string | undefined,
): boolean | null {
  const firstNew = head === undefined ? -1 : events.findIndex((e) => e.id === head) + 1;
  if (firstNew <= 0 || events.slice(firstNew).some((e) => e.merged === 1 || e.type === 'undo')) return null;
  // An event from elsewhere that sorts before the head is not in the row yet (this device's own are).
  if (events.slice(0, firstNew).some((e) => e.merged !== 1 && e.dev !== r.dev)) return null;
  return stepOn(r, card, key, events.slice(firstNew), events.at(-1)?.id, undefined, true);
}

/**
 * `continueCard` on what a merge read in bulk: the same conditions, checked on the card's
 * unmerged events and its head's position instead of its whole history (which is not read).
 * The new log rows are counted as they are written instead of counting the log again.
 */
function continueKnown(
  r: Rederivation,
  card: CardRow,
  key: string,
  { head, logs, pending, merged }: Prefetched,
): boolean | null {
  // A card never synced before: its unmerged events are all it has, replayed from a new card.
  if (!head) return logs === 0 && !merged ? replayCard(r, card, key, pending, 0, false) : null;
  // Rows no event records, an event already merged after the head: the general path decides.
  if (head.logs !== logs || head.later) return null;
  const fresh: EventRow[] = [];
  for (const e of pending) {
    // Replay order (as outbox.ts's replayOrder): time, device, the device's count, id.
    const order = e.at - head.at || cmp(e.dev, head.dev) || e.n - head.n || cmp(e.id, head.event);
    // Before the head (or the head itself): in the row already if it is this device's own.
    if (order <= 0) {
      if (e.dev !== r.dev) return null;
    } else if (e.type === 'undo') return null;
    else fresh.push(e);
  }
  return stepOn(r, card, key, fresh, fresh.at(-1)?.id ?? head.event, logs, false);
}

/**
 * Applies `fresh`, the events after the card's head, onto its row. `last`: the card's new
 * head; `logs`: its log rows before, when known (then not counted again); `now`: write at once.
 */
function stepOn(
  r: Rederivation,
  card: CardRow,
  key: string,
  fresh: readonly EventRow[],
  last: string | undefined,
  logs: number | undefined,
  now: boolean,
): boolean {
  const { preset, at: presetAt } = presetsOf(r, card.deck_id);
  let row: CardRow & { seed: string } = { ...card, seed: key };
  const steps: Step[] = [];
  for (const e of fresh) {
    if (e.type !== 'answer' && e.type !== 'reset') continue;
    const before = fsrsColumnsOf(row);
    const after =
      e.type === 'reset'
        ? forgetState(presetAt(e.at), row, e.at, ...clockAt(r, e.at))
        : nextState(presetAt(e.at), row, e.at, e.rating as 1 | 2 | 3 | 4, ...clockAt(r, e.at));
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
  const next = { ...fsrsColumnsOf(row), ...fields, leech: Math.max(leech, card.leech) };
  return r.rows.write(card, key, last, next, logRows(card, steps), [], logs, now);
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

/** Every event of the card replayed from a new card. `logs`, `now`: as stepOn's. */
function replayCard(
  r: Rederivation,
  card: CardRow,
  key: string,
  events: readonly EventRow[],
  logs: number | undefined,
  now: boolean,
): boolean {
  const undone = new Set(events.filter((e) => e.type === 'undo').map((e) => e.target));
  const answers = events.filter((e) => (e.type === 'answer' || e.type === 'reset') && !undone.has(e.id));
  const { preset, at: presetAt } = presetsOf(r, card.deck_id);
  const steps: Step[] = [];
  const log = answers.map((e) => ({ rating: e.type === 'reset' ? 0 : e.rating!, reviewed_at: e.at }));
  const state = replayLog(
    presetAt,
    card.id,
    card.created_at,
    log,
    r.hourAt,
    (i, before, after) => steps.push({ event: answers[i]!, before, after }),
    r.time,
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
  const next = { ...state, ...fields, leech: Math.max(leech, card.leech) };
  return r.rows.write(card, key, events.at(-1)?.id, next, logRows(card, steps), drop, logs, now);
}

/** The review-log rows of the card's answers and resets. */
function logRows(card: CardRow, steps: readonly Step[]): LogRow[] {
  return steps.map(({ event: e, before, after }) => [
    e.id,
    card.id,
    card.deck_id,
    e.type === 'reset' ? 0 : e.rating!,
    e.type === 'reset' ? 'manual' : KIND_BY_STATE[before.state]!,
    before.state,
    e.at,
    e.type === 'reset' ? 0 : e.ms!,
    JSON.stringify(before),
    JSON.stringify(after),
  ]);
}
