/**
 * A card row in the review state for scheduler tests that call the scheduler's pure functions
 * directly: the columns those functions read given, the rest at their defaults.
 */
import type { CardRow } from '../../core/model/types.ts';

export function reviewCardRow(
  fields: Partial<CardRow> & Pick<CardRow, 'due' | 'stability' | 'last_review'>,
): CardRow {
  return {
    id: 7,
    note_id: 1,
    deck_id: 1,
    ord: 0,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 3,
    lapses: 0,
    state: 2,
    new_position: 0,
    suspended: 0,
    buried_until: 0,
    flag: 0,
    leech: 0,
    retired: 0,
    created_at: 0,
    modified_at: 0,
    ...fields,
  };
}
