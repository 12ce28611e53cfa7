/**
 * Presets and exams that no event records yet — those made before sync was set up, or
 * restored by an import that wrote them directly — become this device's events, dated when
 * they last changed, so every device gets them. At set-up a preset is one object with the
 * same-named preset of every other device, and only the values changed from the built-in
 * defaults are recorded: a device set up later with untouched presets does not undo another
 * device's settings. Decks with another preset than the default are recorded then too.
 */
import type { ExamRow } from '../exams/exams.ts';
import type { PresetRow } from '../model/types.ts';
import { presetFields, presetView } from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import { syncingDevice } from './outbox.ts';
import { recordUntrackedSettings } from './settings-collection.ts';
import { presetKey, recordDeckPresets, recordExamChange, recordSetting } from './settings-record.ts';

/** A preset as the presets table makes it by default (its columns' DEFAULT clauses). */
export function defaultPreset(col: Collection): PresetRow {
  const columns = col.db.prepare('PRAGMA table_info(presets)').all() as {
    name: string;
    dflt_value: string | null;
  }[];
  const row: Record<string, unknown> = { id: 0, name: 'Default', fsrs_weights: null };
  for (const c of columns) {
    if (c.dflt_value === null || c.dflt_value === 'NULL') continue;
    const text = c.dflt_value;
    row[c.name] = text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : Number(text);
  }
  return row as unknown as PresetRow;
}

/** The fields the API would accept (a value stored before a bound existed is left out). */
function acceptable(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (presetFields.partial().safeParse({ [k]: v }).success) out[k] = v;
  }
  return out;
}

export function recordUntracked(col: Collection, setUp: boolean): void {
  if (syncingDevice(col) === null) return;
  recordUntrackedSettings(col);
  const defaults = setUp ? (presetView(defaultPreset(col)) as Record<string, unknown>) : null;
  const presets = col.stmt('SELECT * FROM presets WHERE sync_id IS NULL ORDER BY id').all() as PresetRow[];
  for (const p of presets) {
    const key = presetKey(col, p.id, setUp);
    const { id: _id, ...view } = presetView(p) as Record<string, unknown> & { id: number };
    const changed = defaults
      ? Object.fromEntries(
          Object.entries(view).filter(
            ([k, v]) => JSON.stringify(v) !== JSON.stringify(defaults[k]) || (k === 'name' && p.id !== 1),
          ),
        )
      : view;
    const s = acceptable(changed);
    // At set-up, the values it had until then (the timeline's start: settings-timeline.ts).
    const change = setUp ? { s, b: 1 as const } : { s };
    if (Object.keys(s).length > 0) recordSetting(col, 'preset', key, change, p.modified_at);
  }
  const exams = col
    .stmt(
      `SELECT e.*, e.modified_at AS modified FROM exams e WHERE e.uuid IS NULL
       OR NOT EXISTS (SELECT 1 FROM sync_settings s WHERE s.kind = 'exam' AND s.object = e.uuid) ORDER BY id`,
    )
    .all() as (ExamRow & { modified: number })[];
  for (const e of exams) {
    const deckIds = col
      .stmt('SELECT deck_id FROM exam_decks WHERE exam_id = ?')
      .pluck()
      .all(e.id) as number[];
    const s = {
      name: e.name,
      examAt: e.exam_at,
      tags: e.tags.split(' ').filter(Boolean),
      target: e.target,
      budgetKind: e.budget_kind,
      budget: e.budget,
      deckIds,
    };
    recordExamChange(col, e.id, { s }, e.modified);
  }
  if (setUp) {
    const decks = col.stmt('SELECT id, preset_id FROM decks WHERE preset_id <> 1 ORDER BY name').all() as {
      id: number;
      preset_id: number;
    }[];
    // As from the start: the deck may have been on it long before (see settings-timeline.ts).
    for (const d of decks) recordDeckPresets(col, [d.id], d.preset_id, 0);
  }
}
