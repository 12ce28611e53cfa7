import type { PresetRow } from '../../core/model/types.ts';

/** A preset row with Mnemo's defaults (fuzz off, so intervals are exact), for pure scheduler tests. */
export function presetRow(over: Partial<PresetRow> = {}): PresetRow {
  return {
    id: 1,
    name: 'p',
    desired_retention: 0.9,
    maximum_interval: 36500,
    learning_steps: '1m 10m',
    relearning_steps: '10m',
    new_per_day: 20,
    reviews_per_day: 200,
    leech_threshold: 8,
    leech_action: 'suspend',
    bury_siblings: 1,
    new_ignore_review_limit: 0,
    limits_from_top: 0,
    enable_fuzz: 0,
    fsrs_weights: null,
    type_answer: 0,
    modified_at: 0,
    ...over,
  };
}
