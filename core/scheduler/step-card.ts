/**
 * A card stepped through a run of answers and resets by ts-fsrs, as a sync merge re-derives
 * it: either on from its stored row (the answers that came after its head) or from a new
 * card (its whole history). Each answer names the preset and the day-start hour it is
 * replayed under (both travel as settings: core/sync/settings-timeline.ts), so the same
 * input gives the same states on the merging thread and on the replay worker
 * (core/import/replay/worker.ts), which a large merge hands this work to.
 */
import type { FsrsColumns, PresetRow } from '../model/types.ts';
import { forgetState, nextState, plainColumns, replayLog, type SeededRow } from './fsrs.ts';
import type { StudyTime } from './study-time.ts';

export interface StepInput {
  cardId: number;
  createdAt: number;
  /** The card's identity on every device: the fuzz seed. */
  seed: string;
  /** The row to step on from; null: replayed from a new card. */
  start: FsrsColumns | null;
  /** Per answer: its time, its rating (0: a reset), its preset and its day-start hour. */
  at: ArrayLike<number>;
  rating: ArrayLike<number>;
  preset: (i: number) => PresetRow;
  hour: (i: number) => number;
}

/**
 * Steps the card; `onStep` sees each answer's state before and after it. Returns the final
 * state. `time`: the mapping of the collection's day-start hour; `timeFor`: each hour's.
 */
export function stepCard(
  input: StepInput,
  time: StudyTime,
  timeFor: (hour: number) => StudyTime,
  onStep: (before: FsrsColumns, after: FsrsColumns) => void,
): FsrsColumns {
  const { cardId, seed, at, rating } = input;
  if (input.start === null) {
    // replayLog asks for each answer's preset and hour by its time, in order: equal times
    // have equal ones (both are functions of the time).
    const index = new Map<number, number>();
    const log: { rating: number; reviewed_at: number }[] = [];
    for (let i = 0; i < at.length; i++) {
      index.set(at[i]!, i);
      log.push({ rating: rating[i]!, reviewed_at: at[i]! });
    }
    return replayLog(
      (t) => input.preset(index.get(t)!),
      cardId,
      input.createdAt,
      log,
      (t) => input.hour(index.get(t)!),
      (_, before, after) => onStep(before, after),
      time,
      seed,
    );
  }
  // The row and each state built as literals (object spreads are V8's slow path; a large
  // merge steps 100,000 answers).
  let row = stepRow(input.start, cardId, seed);
  // After the first answer, an answer's state before is the previous one's after object (as
  // replayLog gives it): equal to plainColumns of the row stepped on, and a batch builder
  // then writes its text once for both (37,000 texts fewer in the benchmark's merge).
  let before = plainColumns(row);
  for (let i = 0; i < at.length; i++) {
    const hour = input.hour(i);
    const preset = input.preset(i);
    // nextState and forgetState read only the scheduling columns, the id and the seed.
    const card = row as Parameters<typeof nextState>[1];
    const after =
      rating[i] === 0
        ? forgetState(preset, card, at[i]!, hour, timeFor(hour))
        : nextState(preset, card, at[i]!, rating[i] as 1 | 2 | 3 | 4, hour, timeFor(hour));
    onStep(before, after);
    row = stepRow(after, cardId, seed);
    before = after;
  }
  return plainColumns(row);
}

/** The state as a row nextState reads: the columns, the card's id and its fuzz seed. */
function stepRow(s: FsrsColumns, id: number, seed: string): SeededRow {
  return {
    id,
    seed,
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.last_review,
  };
}
