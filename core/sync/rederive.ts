/**
 * A card's state re-derived from every event known for it (this device's and merged
 * ones), in time order, ties broken by event id: its answers and resets replayed through
 * ts-fsrs (fuzz seeded by the card's identity, see core/scheduler/fsrs.ts), its scheduling
 * fields set by the last change. Every device holding the same events computes the same row.
 */
import type { Replayed } from '../import/replay/replay.ts';
import { type StepJob, type Stepped, stepOne } from '../import/replay/steps.ts';
import type { CardRow, FsrsColumns, PresetRow } from '../model/types.ts';
import { isLeechLapse } from '../review/answer.ts';
import { type StudyTime, studyTime, studyTimes } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { EventType, SetField } from './events.ts';
import { moveToEvents } from './log-events.ts';
import { nextCount, storeEvent, storeEvents } from './outbox.ts';
import type { Fields, HeadAt, LogRow, NextRow, RowWriter } from './rows.ts';
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
  /** An answer a merge stores once, as its log row (log-events.ts); its identity in `card`. */
  once?: { card: string } | undefined;
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
       AND sync_dev IS NULL AND NOT EXISTS (SELECT 1 FROM sync_events e WHERE e.id = r.id)`,
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

function presetsOf(r: Rederivation, deckId: number): { preset: PresetRow; at: PresetAt } {
  let p = r.presets.get(deckId);
  if (!p) {
    p = { preset: r.col.presetOfDeck(deckId), at: presetTimeline(r.col, deckId) };
    r.presets.set(deckId, p);
  }
  return p;
}

/**
 * A card's re-derivation up to its stepping: the answers and resets to step (`answers`, in
 * order) from `start` (null: a new card), the events whose fields and leech suspensions fold
 * onto `fields`, and what to write after (see rows.ts's write).
 */
export interface Plan {
  card: CardRow;
  key: string;
  events: readonly EventRow[];
  answers: readonly EventRow[];
  start: FsrsColumns | null;
  fields: Fields;
  last: HeadAt | undefined;
  drop: readonly string[];
  logs: number | undefined;
  now: boolean;
}

/** Re-derives one card from its events; returns whether its row changed. */
export function rederiveCard(r: Rederivation, card: CardRow, key: string, known?: Prefetched): boolean {
  const plan = known ? planKnown(r, card, key, known) : null;
  return plan ? run(r, plan) : rederiveStored(r, card, key, known);
}

/**
 * Stores in sync_events the card's fresh answers a merge meant to store once, as their log
 * rows (log-events.ts), for a card that will not write them that way. Returns how many.
 */
export function storeOncePending(col: Collection, known: Prefetched): number {
  const once = known.pending.filter((e) => e.once);
  return storeEvents(
    col,
    once.map((e) => ({ ...e, card: e.once!.card, type: e.type as EventType })),
    () => 1,
  );
}

/** Re-derives the card from what is stored (its events, log and head), written at once. */
export function rederiveStored(r: Rederivation, card: CardRow, key: string, known?: Prefetched): boolean {
  const { col } = r;
  // Its whole history in sync_events: the fresh answers the merge meant to store once (see
  // merge.ts), and those stored once before.
  if (known) storeOncePending(col, known);
  moveToEvents(col, card.id, key, 1);
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
  return run(r, fast ?? planReplay(card, key, events, undefined, true));
}

/** Steps the plan here and writes its rows. */
function run(r: Rederivation, plan: Plan): boolean {
  return finish(r, plan, stepOne(stepJob(r, plan), r.time.dayStartHour, r.time, r.timeFor));
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
): Plan | null {
  const firstNew = head === undefined ? -1 : events.findIndex((e) => e.id === head) + 1;
  if (firstNew <= 0 || events.slice(firstNew).some((e) => e.merged === 1 || e.type === 'undo')) return null;
  // An event from elsewhere that sorts before the head is not in the row yet (this device's own are).
  if (events.slice(0, firstNew).some((e) => e.merged !== 1 && e.dev !== r.dev)) return null;
  return planStep(card, key, events.slice(firstNew), events.at(-1), undefined, true);
}

/**
 * `continueCard` on what a merge read in bulk: the same conditions, checked on the card's
 * unmerged events and its head's position instead of its whole history (which is not read).
 * The new log rows are counted as they are written instead of counting the log again.
 * Null: the card is re-derived from what is stored (rederiveStored).
 */
export function planKnown(
  r: Rederivation,
  card: CardRow,
  key: string,
  { head, logs, pending, merged }: Prefetched,
): Plan | null {
  // A card never synced before: its unmerged events are all it has, replayed from a new card
  // (not with an undo: an answer undone would be stored nowhere, see log-events.ts).
  if (!head)
    return logs === 0 && !merged && !pending.some((e) => e.type === 'undo')
      ? planReplay(card, key, pending, 0, false)
      : null;
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
  return planStep(card, key, fresh, fresh.at(-1) ?? { ...head, id: head.event }, logs, false);
}

const isStep = (e: EventRow) => e.type === 'answer' || e.type === 'reset';

/**
 * `fresh`, the events after the card's head, applied onto its row. `last`: the card's new
 * head; `logs`: its log rows before, when known (then not counted again); `now`: write at once.
 */
function planStep(
  card: CardRow,
  key: string,
  fresh: readonly EventRow[],
  last: HeadAt | undefined,
  logs: number | undefined,
  now: boolean,
): Plan {
  const fields: Fields = {
    suspended: card.suspended,
    flag: card.flag,
    buried_until: card.buried_until,
    new_position: card.new_position,
  };
  const answers = fresh.filter(isStep);
  return {
    card,
    key,
    events: fresh,
    answers,
    // The row itself: stepping reads its FSRS columns only, and copies them (step-card.ts).
    start: card,
    fields,
    last,
    drop: [],
    logs,
    now,
  };
}

/** Every event of the card replayed from a new card. `logs`, `now`: as planStep's. */
function planReplay(
  card: CardRow,
  key: string,
  events: readonly EventRow[],
  logs: number | undefined,
  now: boolean,
): Plan {
  const undone = new Set(events.filter((e) => e.type === 'undo').map((e) => e.target));
  const answers = events.filter((e) => isStep(e) && !undone.has(e.id));
  // Suspension and flags start clear (sync's set-up records the ones already made); burial
  // and the new-card position stay local unless an event sets them.
  const fields: Fields = {
    suspended: 0,
    flag: 0,
    buried_until: card.buried_until,
    new_position: card.new_position,
  };
  const drop = [...undone].filter((id): id is string => id !== null);
  return { card, key, events, answers, start: null, fields, last: events.at(-1), drop, logs, now };
}

/** What stepping the plan takes: each answer's time, rating, preset and day-start hour. */
export function stepJob(r: Rederivation, plan: Plan): StepJob {
  const { at: presetAt } = presetsOf(r, plan.card.deck_id);
  const at = plan.answers.map((e) => e.at);
  return {
    cardId: plan.card.id,
    createdAt: plan.card.created_at,
    seed: plan.key,
    start: plan.start,
    at,
    rating: plan.answers.map((e) => (e.type === 'reset' ? 0 : e.rating!)),
    presets: at.map(presetAt),
    hours: at.map(r.hourAt),
  };
}

/** Folds the plan's fields with its stepped answers and writes the card's rows; returns whether its row changed. */
export function finish(r: Rederivation, plan: Plan, stepped: Replayed): boolean {
  const { card, fields } = plan;
  const { preset } = presetsOf(r, card.deck_id);
  const { leech } = foldFields(plan, stepped as Stepped, preset.leech_threshold, preset.leech_action);
  return r.rows.write(
    card,
    plan.key,
    plan.last,
    nextRow(stepped.final, fields, Math.max(leech, card.leech)),
    logRows(plan, stepped),
    plan.drop,
    plan.logs,
    plan.now,
  );
}

/**
 * The card's new row, built field by field: spreading the final state and the fields into
 * one object instead cost a 100,000-event merge 0.4–0.5 s of its merging thread's CPU
 * (63,223 cards), the object spreads being V8's slow path.
 */
function nextRow(f: FsrsColumns, fields: Fields, leech: number): NextRow {
  return {
    due: f.due,
    stability: f.stability,
    difficulty: f.difficulty,
    elapsed_days: f.elapsed_days,
    scheduled_days: f.scheduled_days,
    learning_steps: f.learning_steps,
    reps: f.reps,
    lapses: f.lapses,
    state: f.state,
    last_review: f.last_review,
    suspended: fields.suspended,
    flag: fields.flag,
    buried_until: fields.buried_until,
    new_position: fields.new_position,
    leech,
  };
}

/** Applies set events and leech suspensions, in event order, onto the plan's fields. */
function foldFields(
  { events, answers, fields }: Plan,
  { batch, offset }: Stepped,
  threshold: number,
  action: string,
): { leech: number } {
  let leech = 0;
  let step = 0;
  for (const e of events) {
    if (e.type === 'set') fields[e.field!] = e.value!;
    else if (answers[step] === e) {
      const lapses = batch.lapsed[offset + step++]!;
      if (lapses > 0 && isLeechLapse(lapses, threshold)) {
        leech = 1;
        if (action === 'suspend') fields.suspended = 1;
      }
    }
  }
  return { leech };
}

/** The review-log rows of the card's answers and resets. */
function logRows({ card, answers }: Plan, { batch, offset }: Replayed): LogRow[] {
  return answers.map((e, i) => {
    const state = batch.states[offset + i]!;
    return [
      e.id,
      card.id,
      card.deck_id,
      e.type === 'reset' ? 0 : e.rating!,
      e.type === 'reset' ? 'manual' : KIND_BY_STATE[state]!,
      state,
      e.at,
      e.type === 'reset' ? 0 : e.ms!,
      batch.texts[batch.before[offset + i]!]!,
      batch.texts[batch.after[offset + i]!]!,
      e.once ? e.dev : null,
      e.once ? e.n : null,
      e.once ? e.once.card : null,
    ];
  });
}
