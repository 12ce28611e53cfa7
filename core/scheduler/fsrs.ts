/**
 * A thin layer over ts-fsrs: presets become FSRS parameters, card rows become ts-fsrs
 * cards and back. All scheduling maths is ts-fsrs's own.
 */
import {
  type AbstractScheduler,
  type Card,
  createEmptyCard,
  FSRS,
  type Grade,
  generatorParameters,
  State,
  StrategyMode,
} from 'ts-fsrs';
import type { CardRow, FsrsColumns, PresetRow } from '../model/types.ts';
import { clampTo } from '../presets/bounds.ts';
import { intervalText } from './interval-text.ts';
import { stepsForScheduler } from './steps.ts';
import { type StudyTime, studyTime, studyTimes } from './study-time.ts';

/** `seed`: the card's identity on every device (see core/sync/identity.ts), for the fuzz seed. */
export type FsrsCard = Card & { cid: number; seed?: string };
/** A row as the scheduler reads it, optionally with its stable identity for the fuzz seed. */
export type SeededRow = FsrsColumns & { id: number; seed?: string };

/**
 * Fuzz is seeded by the card and its review count (not the clock), so the interval a button
 * previews is the interval the answer applies, and a replay of the log gives the same dates.
 * The card is named by its stable identity when the caller gives it (every answer does), so
 * the same answers replayed on another device, where the row id differs, give the same dates.
 */
function seedByCardAndReps(this: AbstractScheduler): string {
  // `current` is protected in ts-fsrs's types but is the documented input of seed strategies.
  const current = Reflect.get(this, 'current') as FsrsCard;
  return `${current.seed === undefined ? current.cid : identityHash(current.seed)}:${current.reps}`;
}

/**
 * The identity as a short string (FNV-1a, 32 bits, base 36), the same on every device. ts-fsrs
 * hashes its seed character by character three times for each of the three intervals it
 * fuzzes per answer: an app-added note's identity (`g:` + a 36-character guid + ordinal) made
 * that 0.6 s of a 100,000-answer merge's replay, against about a quarter of it this way.
 */
export function identityHash(identity: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < identity.length; i++) h = Math.imul(h ^ identity.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const cache = new Map<string, FSRS>();

/** The ts-fsrs scheduler for a preset (cached per distinct parameter set). */
export function schedulerFor(preset: PresetRow): FSRS {
  const key = [
    preset.desired_retention,
    preset.maximum_interval,
    preset.learning_steps,
    preset.relearning_steps,
    preset.enable_fuzz,
    preset.fsrs_weights ?? '',
  ].join('|');
  let f = cache.get(key);
  if (!f) {
    // Clamped, not refused: a value stored before the bounds existed must not fail a review.
    const params = generatorParameters({
      request_retention: clampTo('desiredRetention', preset.desired_retention),
      maximum_interval: clampTo('maximumInterval', preset.maximum_interval),
      enable_fuzz: preset.enable_fuzz === 1,
      enable_short_term: true,
      learning_steps: stepsForScheduler(preset.learning_steps),
      relearning_steps: stepsForScheduler(preset.relearning_steps),
      ...(preset.fsrs_weights ? { w: JSON.parse(preset.fsrs_weights) as number[] } : {}),
    });
    f = new FSRS(params);
    f.useStrategy(StrategyMode.SEED, seedByCardAndReps);
    cache.set(key, f);
  }
  return f;
}

export function toFsrsCard(row: SeededRow): FsrsCard {
  // One literal, the seed set after: an object spread here is V8's slow path, and a merge
  // converts a card at every answer it steps.
  const card: FsrsCard = {
    cid: row.id,
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    last_review: row.last_review === null ? undefined : new Date(row.last_review),
  };
  if (row.seed !== undefined) card.seed = row.seed;
  return card;
}

export function fromFsrsCard(card: Card): FsrsColumns {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.getTime() : null,
  };
}

export function fsrsColumnsOf(row: CardRow): FsrsColumns {
  return fromFsrsCard(toFsrsCard(row));
}

/** One answer button's outcome, as the UI labels it. */
export interface NextState extends FsrsColumns {
  rating: Grade;
  intervalMs: number;
  intervalText: string;
}

export type NextStates = Record<'again' | 'hard' | 'good' | 'easy', NextState>;

const NAMES = ['again', 'hard', 'good', 'easy'] as const;
const DAY = 86_400_000;

/**
 * ts-fsrs works in study time (see study-time.ts): a row's times go in mapped, and its
 * results come back mapped to real time. `now` itself maps back exactly.
 */
class StudyClock {
  readonly time: StudyTime;
  readonly nowStudy: number;
  constructor(
    readonly now: number,
    dayStartHour: number,
    /** The mapping, when the caller made one for many clocks (a replay). */
    time: StudyTime = studyTime(dayStartHour),
  ) {
    this.time = time;
    this.nowStudy = time.toFsrs(now);
  }

  card(row: SeededRow): FsrsCard {
    const card = toFsrsCard(row);
    card.due = new Date(this.time.toFsrs(row.due));
    if (row.last_review !== null) card.last_review = new Date(this.time.toFsrs(row.last_review));
    return card;
  }

  private real(study: number): number {
    return study === this.nowStudy ? this.now : this.time.fromFsrs(study);
  }

  /** Is this outcome a whole number of days away (a review interval, or a day-long step)? */
  private wholeDays(card: Card): boolean {
    const ahead = card.due.getTime() - this.nowStudy;
    return (card.state === State.Review && card.scheduled_days >= 1) || ahead >= DAY;
  }

  /**
   * A result in real time. An outcome whole days away is due at the START of the study day
   * it falls on, as in Anki: N days is N study days, whatever the clock does in between
   * (a daylight-saving change makes a day 23 or 25 hours long).
   */
  columns(card: Card): FsrsColumns {
    const out = fromFsrsCard(card);
    const dueStudy = card.due.getTime();
    out.due = this.wholeDays(card) ? this.time.startOf(Math.floor(dueStudy / DAY)) : this.real(dueStudy);
    out.last_review = card.last_review ? this.real(card.last_review.getTime()) : null;
    return out;
  }

  /** The interval a button shows: whole study days for day-long outcomes, else the real wait. */
  intervalMs(card: Card, due: number): number {
    if (!this.wholeDays(card)) return Math.max(0, due - this.now);
    return (Math.floor(card.due.getTime() / DAY) - Math.floor(this.nowStudy / DAY)) * DAY;
  }
}

/**
 * ts-fsrs clamps each interval to the maximum, then keeps Good above Hard and Easy above
 * Good, so near the maximum Good and Easy go past it (a maximum of 3 days gives 3, 4 and 5).
 * Anki caps every button: so does Mnemo, moving only the due date (the memory state stays
 * ts-fsrs's own).
 */
function capInterval(card: Card, preset: PresetRow, nowStudy: number): Card {
  const max = clampTo('maximumInterval', preset.maximum_interval);
  if (card.state !== State.Review || card.scheduled_days <= max) return card;
  return { ...card, scheduled_days: max, due: new Date(nowStudy + max * DAY) };
}

/**
 * A card last reviewed after `now` (by another device whose clock is ahead, merged by sync,
 * or before this clock was set back) is scheduled as if answered at that review's time:
 * ts-fsrs refuses a negative elapsed time, and reviewing must never be blocked. Sync's
 * re-derivation later replays every answer in time order.
 */
const notBefore = (row: FsrsColumns, now: number) =>
  row.last_review !== null && row.last_review > now ? row.last_review : now;

/**
 * The card's state after `rating` at `now`, exactly as ts-fsrs computes it in study days.
 * `mapping`: the study-time mapping for `dayStartHour`, when the caller keeps one for many
 * answers (a merge: it caches days, which a fresh mapping works out again with Dates).
 */
export function nextState(
  preset: PresetRow,
  row: CardRow & { seed?: string },
  at: number,
  rating: Grade,
  dayStartHour: number,
  mapping?: StudyTime,
): FsrsColumns {
  const now = notBefore(row, at);
  const clock = new StudyClock(now, dayStartHour, mapping);
  const next = schedulerFor(preset).next(clock.card(row), new Date(clock.nowStudy), rating).card;
  return clock.columns(capInterval(next, preset, clock.nowStudy));
}

/** The four next states (Again, Hard, Good, Easy) for the card at `now`. */
export function previewStates(
  preset: PresetRow,
  row: CardRow & { seed?: string },
  at: number,
  dayStartHour: number,
): NextStates {
  const now = notBefore(row, at);
  const clock = new StudyClock(now, dayStartHour);
  const preview = schedulerFor(preset).repeat(clock.card(row), new Date(clock.nowStudy));
  const out = {} as NextStates;
  NAMES.forEach((name, i) => {
    const rating = (i + 1) as Grade;
    const card = capInterval(preview[rating].card, preset, clock.nowStudy);
    const cols = clock.columns(card);
    const intervalMs = clock.intervalMs(card, cols.due);
    out[name] = { ...cols, rating, intervalMs, intervalText: intervalText(intervalMs) };
  });
  return out;
}

/** A time as a Date holds it (whole ms, in range), without making the Date when it already is one. */
const asDateTime = (ms: number): number =>
  Number.isInteger(ms) && Math.abs(ms) <= 8.64e15 ? ms + 0 : new Date(ms).getTime();

/** The columns as `fromFsrsCard(toFsrsCard(row))` gives them: the id dropped, times as Dates hold them. */
export function plainColumns(row: FsrsColumns): FsrsColumns {
  return {
    due: asDateTime(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    last_review: row.last_review === null ? null : asDateTime(row.last_review),
  };
}

/**
 * A card's FSRS state rebuilt from its review log alone (the log is the source of truth).
 * `onStep` sees each entry's state before and after it (an import fills in the before/after
 * of review-log rows its source did not record); a step's `before` is the previous step's
 * `after` object, so neither may be changed by the callee. An import replays a million
 * entries, so one study-time mapping serves the whole log, and the time each answer maps
 * to is remembered for the next step (whose card was last reviewed then).
 */
export function replayLog(
  /** Or, per answer, the preset it was made under (sync: see core/sync/settings-timeline.ts). */
  preset: PresetRow | ((at: number) => PresetRow),
  cardId: number,
  createdAt: number,
  log: readonly { rating: number; reviewed_at: number }[],
  /** Or, per answer, the day start in force then (sync: see core/sync/settings-collection.ts). */
  dayStartHour: number | ((at: number) => number),
  onStep?: (index: number, before: FsrsColumns, after: FsrsColumns) => void,
  /** The study-time mapping for `dayStartHour`, when the caller keeps one for many replays (it caches days). */
  mapping?: StudyTime,
  /** The card's stable identity, for the fuzz seed (as the answer path seeds it). */
  seed?: string,
): FsrsColumns {
  const presetAt = typeof preset === 'function' ? preset : () => preset;
  const hourAt = typeof dayStartHour === 'function' ? dayStartHour : () => dayStartHour;
  // One mapping per day-start hour met (mostly one).
  const mappingFor = studyTimes(mapping);
  // The scheduler of the last answer's preset: looked up again only when the preset changes.
  let last: { p: PresetRow | null; f: FSRS | null } = { p: null, f: null };
  // The previous answer's time and its mapping (the mapping is pure: the process's time
  // zone cannot change within this synchronous call).
  let answeredReal = Number.NaN;
  let answeredStudy = 0;
  let answeredHour = Number.NaN;
  let hour = Number.NaN;
  let time: StudyTime | undefined;
  const remembering = (m: StudyTime): StudyTime => ({
    ...m,
    // The previous answer's time maps as it did only under the same day start.
    toFsrs: (real) =>
      real === answeredReal && answeredHour === m.dayStartHour ? answeredStudy : m.toFsrs(real),
  });
  let row: SeededRow = {
    ...fromFsrsCard(createEmptyCard(new Date(createdAt))),
    id: cardId,
    ...(seed === undefined ? {} : { seed }),
  };
  let before = onStep ? plainColumns(row) : row;
  for (let index = 0; index < log.length; index++) {
    const entry = log[index]!;
    const h = hourAt(entry.reviewed_at);
    if (h !== hour) {
      hour = h;
      time = remembering(mappingFor(h));
    }
    const clock = new StudyClock(entry.reviewed_at, h, time!);
    const nowStudy = clock.nowStudy;
    const at = new Date(nowStudy);
    const card = clock.card(row);
    const p = presetAt(entry.reviewed_at);
    if (p !== last.p) last = { p, f: schedulerFor(p) };
    const f = last.f!;
    const next =
      entry.rating === 0 ? f.forget(card, at, true).card : f.next(card, at, entry.rating as Grade).card;
    const columns = clock.columns(capInterval(next, p, nowStudy)) as SeededRow;
    columns.id = cardId;
    if (seed !== undefined) columns.seed = seed;
    row = columns;
    // The next step's card was last reviewed now.
    answeredReal = entry.reviewed_at;
    answeredStudy = nowStudy;
    answeredHour = h;
    if (onStep) {
      const after = plainColumns(row);
      onStep(index, before, after);
      before = after;
    }
  }
  const { id: _id, seed: _seed, ...columns } = row;
  return columns;
}

/** The card reset to new by ts-fsrs's forget (counts reset), as a manual review-log entry replays it. `mapping`: as nextState's. */
export function forgetState(
  preset: PresetRow,
  row: CardRow & { seed?: string },
  now: number,
  dayStartHour: number,
  mapping?: StudyTime,
): FsrsColumns {
  const clock = new StudyClock(now, dayStartHour, mapping);
  return clock.columns(schedulerFor(preset).forget(clock.card(row), new Date(clock.nowStudy), true).card);
}

/** The probability of recalling the card at `now` (0 for a new card), days counted in study days. */
export function retrievability(
  preset: PresetRow,
  row: FsrsColumns & { id: number },
  at: number,
  dayStartHour: number,
): number {
  const now = notBefore(row, at);
  const clock = new StudyClock(now, dayStartHour);
  return schedulerFor(preset).get_retrievability(clock.card(row), new Date(clock.nowStudy), false);
}
