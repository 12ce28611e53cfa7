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
  type RecordLogItem,
  StrategyMode,
} from 'ts-fsrs';
import type { CardRow, FsrsColumns, PresetRow } from '../model/types.ts';
import { clampTo } from '../presets/bounds.ts';
import { intervalText } from './interval-text.ts';
import { stepsForScheduler } from './steps.ts';

export type FsrsCard = Card & { cid: number };

/**
 * Fuzz is seeded by card id and review count (not the clock), so the interval a button
 * previews is the interval the answer applies, and a replay of the log gives the same dates.
 */
function seedByCardAndReps(this: AbstractScheduler): string {
  // `current` is protected in ts-fsrs's types but is the documented input of seed strategies.
  const current = Reflect.get(this, 'current') as FsrsCard;
  return `${current.cid}:${current.reps}`;
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

export function toFsrsCard(row: FsrsColumns & { id: number }): FsrsCard {
  return {
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

/** The card's state after `rating` at `now`, exactly as ts-fsrs computes it. */
export function nextState(preset: PresetRow, row: CardRow, now: number, rating: Grade): RecordLogItem {
  return schedulerFor(preset).next(toFsrsCard(row), new Date(now), rating);
}

/** The four next states (Again, Hard, Good, Easy) for the card at `now`. */
export function previewStates(preset: PresetRow, row: CardRow, now: number): NextStates {
  const preview = schedulerFor(preset).repeat(toFsrsCard(row), new Date(now));
  const out = {} as NextStates;
  NAMES.forEach((name, i) => {
    const rating = (i + 1) as Grade;
    const cols = fromFsrsCard(preview[rating].card);
    const intervalMs = Math.max(0, cols.due - now);
    out[name] = { ...cols, rating, intervalMs, intervalText: intervalText(intervalMs) };
  });
  return out;
}

/** A card's FSRS state rebuilt from its review log alone (the log is the source of truth). */
export function replayLog(
  preset: PresetRow,
  cardId: number,
  createdAt: number,
  log: readonly { rating: number; reviewed_at: number }[],
): FsrsColumns {
  const f = schedulerFor(preset);
  let card: FsrsCard = { ...createEmptyCard(new Date(createdAt)), cid: cardId };
  for (const entry of log) {
    const at = new Date(entry.reviewed_at);
    const next =
      entry.rating === 0 ? f.forget(card, at, true).card : f.next(card, at, entry.rating as Grade).card;
    card = { ...next, cid: cardId };
  }
  return fromFsrsCard(card);
}

/** The card reset to new by ts-fsrs's forget (counts reset), as a manual review-log entry replays it. */
export function forgetState(preset: PresetRow, row: CardRow, now: number): FsrsColumns {
  return fromFsrsCard(schedulerFor(preset).forget(toFsrsCard(row), new Date(now), true).card);
}
