import { PRESET_BOUNDS } from '../../../../core/presets/bounds.ts';
import { MAX_STEPS, type StepsProblem, stepsProblem } from '../../../../core/scheduler/steps.ts';
import type { Preset } from '../../api/types.ts';
import type { Dict } from '../../i18n/index.tsx';

/** A preset as the form edits it: numbers as the strings typed. */
export interface PresetDraft {
  desiredRetention: string;
  maximumInterval: string;
  newPerDay: string;
  reviewsPerDay: string;
  learningSteps: string;
  relearningSteps: string;
  leechThreshold: string;
  leechAction: Preset['leechAction'];
  burySiblings: boolean;
  newIgnoresReviewLimit: boolean;
  limitsFromTop: boolean;
  enableFuzz: boolean;
  typeAnswer: boolean;
}

export const NUMBER_FIELDS = [
  'desiredRetention',
  'maximumInterval',
  'newPerDay',
  'reviewsPerDay',
  'leechThreshold',
] as const;
export const DRAFT_FIELDS: readonly (keyof PresetDraft)[] = [
  ...NUMBER_FIELDS,
  'learningSteps',
  'relearningSteps',
  'leechAction',
  'burySiblings',
  'newIgnoresReviewLimit',
  'limitsFromTop',
  'enableFuzz',
  'typeAnswer',
];

export function toDraft(p: Preset): PresetDraft {
  return {
    desiredRetention: String(p.desiredRetention),
    maximumInterval: String(p.maximumInterval),
    newPerDay: String(p.newPerDay),
    reviewsPerDay: String(p.reviewsPerDay),
    learningSteps: p.learningSteps,
    relearningSteps: p.relearningSteps,
    leechThreshold: String(p.leechThreshold),
    leechAction: p.leechAction,
    burySiblings: p.burySiblings,
    newIgnoresReviewLimit: p.newIgnoresReviewLimit,
    limitsFromTop: p.limitsFromTop,
    enableFuzz: p.enableFuzz,
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
 * accepts.
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
    maximumInterval: num('maximumInterval'),
    newPerDay: num('newPerDay'),
    reviewsPerDay: num('reviewsPerDay'),
    leechThreshold: num('leechThreshold'),
    learningSteps: steps('learningSteps'),
    relearningSteps: steps('relearningSteps'),
    leechAction: d.leechAction,
    burySiblings: d.burySiblings,
    newIgnoresReviewLimit: d.newIgnoresReviewLimit,
    limitsFromTop: d.limitsFromTop,
    enableFuzz: d.enableFuzz,
    typeAnswer: d.typeAnswer,
  };
  return { patch, errors };
}

/**
 * The API's InvalidArgument message ("maximumInterval: must be at most 36500; …") placed by
 * field and said in the user's language: a named field gets the form's own message for
 * its value (the API's English never shows), or `refused` when the form found nothing wrong;
 * whatever names no field of the form becomes one general message.
 */
export function apiFieldErrors(
  message: string,
  draft: PresetDraft,
  s: Messages,
  refused: { field: string; other: string },
): { byField: Record<string, string>; other: string | null } {
  const own = fromDraft(draft, s).errors;
  const byField: Record<string, string> = {};
  let other: string | null = null;
  for (const part of message.split('; ')) {
    const field = /^(\w+)(?:\.\w+)*: /.exec(part)?.[1];
    if (field && (DRAFT_FIELDS as readonly string[]).includes(field))
      byField[field] = own[field] ?? refused.field;
    else other = refused.other;
  }
  return { byField, other };
}
