import * as z from 'zod';
import { conflict, invalidArgument, notFound } from '../errors.ts';
import type { PresetRow } from '../model/types.ts';
import { describeStepsProblem, stepsProblem } from '../scheduler/steps.ts';
import type { Collection } from '../store/collection.ts';
import { recordPresetChange } from '../sync/settings-record.ts';
import { type BoundedField, DEFAULT_PRESET_ID, PRESET_BOUNDS, PRESET_NAME_MAX } from './bounds.ts';
import { describeFsrsProblem, fsrsParameterProblems } from './fsrs-bounds.ts';

const steps = z.string().superRefine((text, ctx) => {
  const problem = stepsProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: describeStepsProblem(problem) });
});

function bounded(field: BoundedField) {
  const { min, max, integer } = PRESET_BOUNDS[field];
  const n = integer ? z.number().int('must be a whole number') : z.number();
  return n.min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
}

/** The editable fields of a preset, in the API's camelCase. */
export const presetFields = z.strictObject({
  name: z.string().trim().min(1).max(PRESET_NAME_MAX),
  desiredRetention: bounded('desiredRetention'),
  maximumInterval: bounded('maximumInterval'),
  learningSteps: steps,
  relearningSteps: steps,
  newPerDay: bounded('newPerDay'),
  reviewsPerDay: bounded('reviewsPerDay'),
  leechThreshold: bounded('leechThreshold'),
  leechAction: z.enum(['suspend', 'tag']),
  burySiblings: z.boolean(),
  newIgnoresReviewLimit: z.boolean(),
  limitsFromTop: z.boolean(),
  enableFuzz: z.boolean(),
  fsrsWeights: z
    .array(z.number().finite())
    .superRefine((w, ctx) => {
      for (const p of fsrsParameterProblems(w)) {
        ctx.addIssue({
          code: 'custom',
          message: describeFsrsProblem(p),
          path: 'index' in p ? [p.index] : [],
        });
      }
    })
    .nullable(),
  typeAnswer: z.boolean(),
});

export type PresetFields = z.infer<typeof presetFields>;

const COLUMN: Record<keyof PresetFields, keyof PresetRow> = {
  name: 'name',
  desiredRetention: 'desired_retention',
  maximumInterval: 'maximum_interval',
  learningSteps: 'learning_steps',
  relearningSteps: 'relearning_steps',
  newPerDay: 'new_per_day',
  reviewsPerDay: 'reviews_per_day',
  leechThreshold: 'leech_threshold',
  leechAction: 'leech_action',
  burySiblings: 'bury_siblings',
  newIgnoresReviewLimit: 'new_ignore_review_limit',
  limitsFromTop: 'limits_from_top',
  enableFuzz: 'enable_fuzz',
  fsrsWeights: 'fsrs_weights',
  typeAnswer: 'type_answer',
};

export function presetView(p: PresetRow): PresetFields & { id: number } {
  return {
    id: p.id,
    name: p.name,
    desiredRetention: p.desired_retention,
    maximumInterval: p.maximum_interval,
    learningSteps: p.learning_steps,
    relearningSteps: p.relearning_steps,
    newPerDay: p.new_per_day,
    reviewsPerDay: p.reviews_per_day,
    leechThreshold: p.leech_threshold,
    leechAction: p.leech_action,
    burySiblings: p.bury_siblings === 1,
    newIgnoresReviewLimit: p.new_ignore_review_limit === 1,
    limitsFromTop: p.limits_from_top === 1,
    enableFuzz: p.enable_fuzz === 1,
    fsrsWeights: p.fsrs_weights ? (JSON.parse(p.fsrs_weights) as number[]) : null,
    typeAnswer: p.type_answer === 1,
  };
}

function toColumnValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'string') return value.trim();
  return value;
}

/** Fields as the API names them, as the columns and values the presets table stores. */
export function presetColumns(patch: Partial<PresetFields>): Partial<Record<keyof PresetRow, unknown>> {
  return Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [COLUMN[k as keyof PresetFields], toColumnValue(v)]),
  );
}

export function listPresets(col: Collection) {
  return (col.stmt('SELECT * FROM presets ORDER BY id').all() as PresetRow[]).map(presetView);
}

/** Changes some fields; `record` false when the caller records the change itself (a new preset). */
export function updatePreset(col: Collection, presetId: number, patch: Partial<PresetFields>, record = true) {
  return col.tx(() => {
    if (!col.preset(presetId)) throw notFound(`preset ${presetId} does not exist`);
    const entries = Object.entries(patch) as [keyof PresetFields, unknown][];
    if (entries.length > 0) {
      if (patch.fsrsWeights !== undefined) keepPreviousWeights(col, presetId, patch.fsrsWeights);
      const set = entries.map(([k]) => `${COLUMN[k]} = ?`).join(', ');
      try {
        col.db
          .prepare(`UPDATE presets SET ${set}, modified_at = ? WHERE id = ?`)
          .run(...entries.map(([, v]) => toColumnValue(v)), col.now(), presetId);
      } catch (e) {
        if (String(e).includes('UNIQUE')) throw conflict(`a preset named "${patch.name}" already exists`);
        throw invalidArgument(String((e as Error).message));
      }
      col.invalidatePresets();
      if (record) recordPresetChange(col, presetId, { s: changedFields(col.preset(presetId)!, patch) });
    }
    return presetView(col.preset(presetId)!);
  });
}

/** The patched fields as stored (names trimmed), for the sync event. */
function changedFields(row: PresetRow, patch: Partial<PresetFields>): Record<string, unknown> {
  const view = presetView(row);
  return Object.fromEntries(Object.keys(patch).map((k) => [k, view[k as keyof PresetFields]]));
}

/**
 * Before the parameters change, the ones in use are kept (one step back: Optimize's Revert).
 * 'null' stands for ts-fsrs's defaults; an unchanged list keeps what was kept before.
 */
function keepPreviousWeights(col: Collection, presetId: number, next: number[] | null): void {
  const current = col.preset(presetId)!.fsrs_weights;
  if ((current ?? 'null') === JSON.stringify(next)) return;
  col.stmt('UPDATE presets SET fsrs_weights_previous = ? WHERE id = ?').run(current ?? 'null', presetId);
}

export function createPreset(col: Collection, fields: Partial<PresetFields> & { name: string }) {
  return col.tx(() => {
    if (col.stmt('SELECT 1 FROM presets WHERE name = ?').get(fields.name.trim())) {
      throw conflict(`a preset named "${fields.name}" already exists`);
    }
    const { id } = col
      .stmt("INSERT INTO presets (name, modified_at) VALUES ('', ?) RETURNING id")
      .get(col.now()) as { id: number };
    const { id: _id, ...made } = updatePreset(col, id, fields, false);
    recordPresetChange(col, id, { s: made });
    return { id, ...made };
  });
}

export function deletePreset(col: Collection, presetId: number) {
  return col.tx(() => {
    const preset = col.preset(presetId);
    if (!preset) throw notFound(`preset ${presetId} does not exist`);
    if (presetId === DEFAULT_PRESET_ID) {
      throw conflict(`"${preset.name}" is the default preset (new decks get it): it cannot be deleted`);
    }
    const users = (
      col.stmt('SELECT name FROM decks WHERE preset_id = ? ORDER BY name').all(presetId) as { name: string }[]
    ).map((d) => d.name);
    if (users.length > 0) {
      throw conflict(
        `preset "${preset.name}" is used by ${users.length} deck(s) (${users.join(', ')}): give them another preset first`,
      );
    }
    recordPresetChange(col, presetId, { del: 1 });
    col.stmt('DELETE FROM presets WHERE id = ?').run(presetId);
    col.invalidatePresets();
    return { deleted: presetId };
  });
}
