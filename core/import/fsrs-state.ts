/**
 * FSRS state between the store's snake_case columns and the camelCase every import and
 * export format uses. The column order is the one the review log's before/after JSON is
 * written in (fromFsrsCard's), so a state that goes out and comes back is stored byte for byte.
 */
import type { FsrsColumns } from '../model/types.ts';
import type { ImportedFsrsState } from './batch.ts';

export function toColumns(s: ImportedFsrsState): FsrsColumns {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.lastReview,
  };
}

export function fromColumns(c: FsrsColumns): ImportedFsrsState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as ImportedFsrsState['state'],
    lastReview: c.last_review,
  };
}
