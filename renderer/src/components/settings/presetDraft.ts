import type { Preset } from '../../api/types.ts';

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
  typeAnswer: boolean;
}

export const NUMBER_FIELDS = ['desiredRetention', 'newPerDay', 'reviewsPerDay', 'leechThreshold'] as const;
export const DRAFT_FIELDS: readonly (keyof PresetDraft)[] = [
  ...NUMBER_FIELDS,
  'learningSteps',
  'relearningSteps',
  'leechAction',
  'burySiblings',
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
    typeAnswer: p.typeAnswer,
  };
}

/** The presets.update patch, or the fields that are not numbers. */
export function fromDraft(d: PresetDraft): { patch: Partial<Omit<Preset, 'id'>>; notNumbers: string[] } {
  const notNumbers: string[] = [];
  const num = (field: (typeof NUMBER_FIELDS)[number]) => {
    const text = d[field].trim();
    const n = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(n)) notNumbers.push(field);
    return n;
  };
  const patch = {
    desiredRetention: num('desiredRetention'),
    newPerDay: num('newPerDay'),
    reviewsPerDay: num('reviewsPerDay'),
    leechThreshold: num('leechThreshold'),
    learningSteps: d.learningSteps,
    relearningSteps: d.relearningSteps,
    leechAction: d.leechAction,
    burySiblings: d.burySiblings,
    typeAnswer: d.typeAnswer,
  };
  return { patch, notNumbers };
}
