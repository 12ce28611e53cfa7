import { PRESET_BOUNDS } from '../../../../core/presets/bounds.ts';
import { MAX_STEPS, type StepsProblem, stepsProblem } from '../../../../core/scheduler/steps.ts';
import type { Preset } from '../../api/types.ts';
import type { Dict } from '../../i18n/index.tsx';

/** A preset as the form edits it: numbers as the strings typed. */
export interface PresetDraft {
  desiredRetention: string;
  newPerDay: string;
  reviewsPerDay: string;
  learningSteps: string;
  relearningSteps: string;
  leechThreshold: string;
  leechAction: Preset['leechAction'];
  burySiblings: boolean;
  newIgnoresReviewLimit: boolean;
  limitsFromTop: boolean;
  typeAnswer: boolean;
}

export const NUMBER_FIELDS = ['desiredRetention', 'newPerDay', 'reviewsPerDay', 'leechThreshold'] as const;
export const DRAFT_FIELDS: readonly (keyof PresetDraft)[] = [
  ...NUMBER_FIELDS,
  'learningSteps',
  'relearningSteps',
  'leechAction',
  'burySiblings',
  'newIgnoresReviewLimit',
  'limitsFromTop',
  'typeAnswer',
];

export function toDraft(p: Preset): PresetDraft {
  return {
    desiredRetention: String(p.desiredRetention),
    newPerDay: String(p.newPerDay),
    reviewsPerDay: String(p.reviewsPerDay),
    learningSteps: p.learningSteps,
    relearningSteps: p.relearningSteps,
    leechThreshold: String(p.leechThreshold),
    leechAction: p.leechAction,
    burySiblings: p.burySiblings,
    newIgnoresReviewLimit: p.newIgnoresReviewLimit,
    limitsFromTop: p.limitsFromTop,
    typeAnswer: p.typeAnswer,
  };
}

type Messages = Dict['settings'];

function stepsMessage(p: StepsProblem, s: Messages): string {
  switch (p.kind) {
    case 'syntax':
      return s.stepSyntax(p.step);
    case 'tooShort':
      return s.stepTooShort(p.step);
    case 'tooLong':
      return s.stepTooLong(p.step);
    case 'tooMany':
      return s.tooManySteps(MAX_STEPS);
  }
}

/**
 * The presets.update patch, and what is wrong with the draft by field, in the user's
 * language. The bounds are the API's own (shared modules), so what passes here the server
 * accepts; its (English) messages remain the fallback.
 */
export function fromDraft(
  d: PresetDraft,
  s: Messages,
): { patch: Partial<Omit<Preset, 'id'>>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (field: (typeof NUMBER_FIELDS)[number]) => {
    const text = d[field].trim();
    const n = text === '' ? Number.NaN : Number(text);
    const { min, max, integer } = PRESET_BOUNDS[field];
    if (!Number.isFinite(n)) errors[field] = s.notANumber;
    else if (n < min || n > max) errors[field] = s.notInRange(min, max);
    else if (integer && !Number.isInteger(n)) errors[field] = s.notWhole;
    return n;
  };
  const steps = (field: 'learningSteps' | 'relearningSteps') => {
    const problem = stepsProblem(d[field]);
    if (problem) errors[field] = stepsMessage(problem, s);
    return d[field];
  };
  const patch = {
    desiredRetention: num('desiredRetention'),
    newPerDay: num('newPerDay'),
    reviewsPerDay: num('reviewsPerDay'),
    leechThreshold: num('leechThreshold'),
    learningSteps: steps('learningSteps'),
    relearningSteps: steps('relearningSteps'),
    leechAction: d.leechAction,
    burySiblings: d.burySiblings,
    newIgnoresReviewLimit: d.newIgnoresReviewLimit,
    limitsFromTop: d.limitsFromTop,
    typeAnswer: d.typeAnswer,
  };
  return { patch, errors };
}
