/**
 * Recording this device's changes to presets, decks' presets and exams as settings events,
 * in the caller's transaction and only once sync is set up (like the card events in
 * outbox.ts). An event is stored as still to apply (merged = 0): the next merge folds it
 * with every other device's events for that object, so a change made with a clock behind
 * another device's newer change still ends as every device ends.
 */
import { randomUUID } from 'node:crypto';
import type { ExamFields } from '../exams/rules.ts';
import { uuidv7 } from '../review/uuid.ts';
import type { Collection } from '../store/collection.ts';
import { syncingDevice } from './outbox.ts';
import type { SettingChange, SettingEvent, SettingKind } from './settings-events.ts';

const INSERT = `INSERT OR IGNORE INTO sync_settings (id, dev, at, n, kind, object, change, outbox, merged)
  VALUES (@id, @dev, @at, @n, @kind, @object, @change, @outbox, 0)`;

/** Stores a settings event (ours, in the outbox; or read from another device). Returns whether it was new. */
export function storeSetting(col: Collection, e: SettingEvent, outbox: boolean): boolean {
  return col.stmt(INSERT).run({ ...e, change: JSON.stringify(e.change), outbox: outbox ? 1 : 0 }).changes > 0;
}

/** The default preset (id 1): every collection has it, so every device names it alike. */
export const DEFAULT_PRESET_KEY = 'default';

function nextCount(col: Collection, dev: string): number {
  const max = col.stmt('SELECT max(n) FROM sync_settings WHERE dev = ?').pluck().get(dev) as number | null;
  return (max ?? 0) + 1;
}

/** Records one change of this device; nothing when sync is off. `at` defaults to now. */
export function recordSetting(
  col: Collection,
  kind: SettingKind,
  object: string,
  change: SettingChange,
  at = col.now(),
): void {
  const dev = syncingDevice(col);
  if (dev === null) return;
  storeSetting(col, { id: uuidv7(at), dev, at, n: nextCount(col, dev), kind, object, change }, true);
}

/** The preset's identity on every device, given to it the first time it is needed. */
export function presetKey(col: Collection, presetId: number, byName = false): string {
  const row = col.stmt('SELECT name, sync_id FROM presets WHERE id = ?').get(presetId) as
    | { name: string; sync_id: string | null }
    | undefined;
  if (!row) throw new Error(`preset ${presetId} vanished`);
  if (row.sync_id !== null) return row.sync_id;
  // Presets made before sync was set up are one object on every device that has that name.
  const named = `name:${row.name}`;
  const taken = byName && col.stmt('SELECT 1 FROM presets WHERE sync_id = ?').get(named) !== undefined;
  const key = presetId === 1 ? DEFAULT_PRESET_KEY : byName && !taken ? named : randomUUID();
  col.stmt('UPDATE presets SET sync_id = ? WHERE id = ?').run(key, presetId);
  return key;
}

/** The exam's identity: its uuid (made with it; one made by an older Mnemo gets one now). */
export function examKey(col: Collection, examId: number): string {
  const uuid = col.stmt('SELECT uuid FROM exams WHERE id = ?').pluck().get(examId) as string | null;
  if (uuid) return uuid;
  const made = randomUUID();
  col.stmt('UPDATE exams SET uuid = ? WHERE id = ?').run(made, examId);
  return made;
}

/** A preset's fields changed (as the API names them), or it was deleted. */
export function recordPresetChange(col: Collection, presetId: number, change: SettingChange): void {
  if (syncingDevice(col) === null) return;
  recordSetting(col, 'preset', presetKey(col, presetId), change);
}

/** Decks (by name path) were given a preset. */
export function recordDeckPresetsByName(
  col: Collection,
  names: readonly string[],
  presetId: number,
  at = col.now(),
): void {
  if (syncingDevice(col) === null || names.length === 0) return;
  const preset = presetKey(col, presetId);
  for (const name of names) recordSetting(col, 'deck', name, { s: { preset } }, at);
}

/** Decks were given a preset. */
export function recordDeckPresets(
  col: Collection,
  deckIds: readonly number[],
  presetId: number,
  at = col.now(),
): void {
  const name = col.stmt('SELECT name FROM decks WHERE id = ?').pluck();
  recordDeckPresetsByName(
    col,
    deckIds.map((d) => name.get(d) as string),
    presetId,
    at,
  );
}

/** The decks of an exam by name path, as they travel. */
export function deckNames(col: Collection, deckIds: readonly number[]): string[] {
  const name = col.stmt('SELECT name FROM decks WHERE id = ?').pluck();
  return deckIds.map((d) => name.get(d) as string).sort();
}

/** An exam's fields changed (`deckIds` travel as `decks`, by name), or it was deleted. */
export function recordExamChange(
  col: Collection,
  examId: number,
  change: { s: Partial<ExamFields> } | { del: 1 },
  at = col.now(),
): void {
  if (syncingDevice(col) === null) return;
  if ('del' in change) {
    recordSetting(col, 'exam', examKey(col, examId), change, at);
    return;
  }
  const { deckIds, ...rest } = change.s;
  const s = deckIds === undefined ? rest : { ...rest, decks: deckNames(col, deckIds) };
  recordSetting(col, 'exam', examKey(col, examId), { s }, at);
}
