/**
 * Presets set from their folded events (see settings-merge.ts), all of them at once: a
 * deleted one goes (its decks fall back to the default preset), a new one is made, each
 * field takes its last value, and names stay unique the same way on every device — when two
 * presets made apart end with one name, the one that took it first keeps it and the other
 * gets a short suffix from its identity.
 */
import { createHash } from 'node:crypto';
import type { PresetRow } from '../model/types.ts';
import { PRESET_NAME_MAX } from '../presets/bounds.ts';
import { type PresetFields, presetColumns } from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import { type EventOrder, eventOrder, type Folded, fold } from './settings-fold.ts';

type Row = PresetRow & { sync_id: string | null };

function suffixed(name: string, key: string, tries: number): string {
  const tag = createHash('sha1').update(`${key}#${tries}`).digest('hex').slice(0, 4);
  return `${name.slice(0, PRESET_NAME_MAX - 7)} (${tag})`;
}

/** Each live preset's final name: folded names ranked by the event that set them. */
function finalNames(rows: readonly Row[], folded: ReadonlyMap<string, Folded>): Map<number, string> {
  const FIRST: EventOrder = { at: Number.NEGATIVE_INFINITY, dev: '', n: 0, id: '' };
  const ranked = rows
    .map((r) => {
      const f = r.sync_id === null ? undefined : folded.get(r.sync_id);
      // A preset whose making has not arrived yet (only later edits have) gets a name from its identity.
      const local = r.name.startsWith('\u0001')
        ? `Preset ${r.sync_id?.replace(/^name:/, '').slice(0, 8)}`
        : r.name;
      const name = typeof f?.fields.name === 'string' ? f.fields.name : local;
      // A name no event set (the default preset's, untouched) was there first on every device.
      return { r, name, by: f?.setBy.name ?? FIRST };
    })
    .sort((a, b) => eventOrder(a.by, b.by) || (a.r.sync_id ?? '').localeCompare(b.r.sync_id ?? ''));
  const taken = new Set<string>();
  const out = new Map<number, string>();
  for (const { r, name } of ranked) {
    let final = name;
    for (let i = 0; taken.has(final); i++) final = suffixed(name, r.sync_id ?? String(r.id), i);
    taken.add(final);
    out.set(r.id, final);
  }
  return out;
}

/** Every preset as its events up to `now` say (later ones wait for their time: see settings-merge.ts). */
export function applyPresets(col: Collection, now: number): void {
  const keys = col
    .stmt("SELECT DISTINCT object FROM sync_settings WHERE kind = 'preset'")
    .pluck()
    .all() as string[];
  const folded = new Map<string, Folded>();
  for (const k of keys) {
    const f = fold(col, 'preset', k, now);
    if (f) folded.set(k, f);
  }
  const rowOf = (key: string) =>
    col.stmt('SELECT * FROM presets WHERE sync_id = ?').get(key) as Row | undefined;
  for (const [key, f] of folded) {
    const row = rowOf(key);
    if (f.deleted) {
      if (row && row.id !== 1) {
        col.stmt('UPDATE decks SET preset_id = 1 WHERE preset_id = ?').run(row.id);
        col.stmt('DELETE FROM presets WHERE id = ?').run(row.id);
      }
    } else if (!row) {
      // Named for now by its identity (no name clashes with that); its name is set below.
      col
        .stmt('INSERT INTO presets (name, sync_id, modified_at) VALUES (?, ?, ?)')
        .run(`\u0001${key}`, key, f.first.at);
    }
  }
  const rows = col.stmt('SELECT * FROM presets ORDER BY id').all() as Row[];
  const names = finalNames(rows, folded);
  const rename = col.stmt('UPDATE presets SET name = ? WHERE id = ?');
  const renamed = rows.filter((r) => names.get(r.id) !== r.name);
  // Through names no preset has, so a swap of two names never clashes halfway.
  for (const r of renamed) rename.run(`\u0002${r.id}`, r.id);
  for (const r of renamed) rename.run(names.get(r.id)!, r.id);
  for (const r of rows) {
    const f = r.sync_id === null ? undefined : folded.get(r.sync_id);
    if (f && !f.deleted) setFields(col, r, f);
  }
}

/** The folded fields (but the name) onto the row, where they differ. */
function setFields(col: Collection, row: Row, f: Folded): void {
  const { name: _name, ...fields } = f.fields as Partial<PresetFields>;
  const columns = presetColumns(fields);
  const changed = Object.entries(columns).filter(([c, v]) => row[c as keyof Row] !== v);
  if (changed.length === 0) return;
  const set = changed.map(([c]) => `${c} = ?`);
  const values = changed.map(([, v]) => v);
  // As a local change does (presets.ts): the parameters in use before are kept for Revert.
  if (columns.fsrs_weights !== undefined && columns.fsrs_weights !== row.fsrs_weights) {
    set.push('fsrs_weights_previous = ?');
    values.push(row.fsrs_weights ?? 'null');
  }
  col.db
    .prepare(`UPDATE presets SET ${set.join(', ')}, modified_at = ? WHERE id = ?`)
    .run(...values, f.last.at, row.id);
}
