/**
 * The preset an answer was made under, by its time: a card re-derived from its events
 * replays each answer with its deck's preset as the settings events say it was then, so a
 * preset change applies from its time on (earlier answers keep their intervals) and every
 * device replays alike. Before a field's first event it had its built-in default, or, when
 * that event is the value recorded at sync's set-up (`b`), that value (as answers made before
 * sync replayed under the preset then); a field no event names keeps its current value; a deck is on the default preset before its first
 * event (set-up records decks on another preset as from the start), and on the default
 * preset again from the deletion of its preset on.
 * With no preset or deck events at all, the current preset, as before.
 */
import type { PresetRow } from '../model/types.ts';
import { type PresetFields, presetColumns, presetView } from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import { type DayStartAt, dayStartTimeline } from './settings-collection.ts';
import { ORDER_BY } from './settings-fold.ts';
import { DEFAULT_PRESET_KEY } from './settings-record.ts';
import { defaultPreset } from './settings-snapshot.ts';

interface Change {
  at: number;
  s: Record<string, unknown>;
  /** Recorded at set-up: its values held from the start. */
  b?: 1;
}

interface Timelines {
  decks: Map<string, Change[]>;
  presets: Map<string, Change[]>;
  deletedAt: Map<string, number>;
  rows: Map<string, PresetRow>;
  memo: Map<string, PresetRow>;
  /** The built-in default of each field, as the API names it. */
  defaults: Record<string, unknown>;
}

export type PresetAt = (at: number) => PresetRow;

function build(col: Collection): Timelines | null {
  const rows = col
    .stmt(`SELECT kind, object, at, change FROM sync_settings WHERE kind IN ('preset', 'deck') ${ORDER_BY}`)
    .all() as { kind: string; object: string; at: number; change: string }[];
  if (rows.length === 0) return null;
  const t: Timelines = {
    decks: new Map(),
    presets: new Map(),
    deletedAt: new Map(),
    rows: new Map(),
    memo: new Map(),
    defaults: presetView(defaultPreset(col)) as Record<string, unknown>,
  };
  for (const r of rows) {
    const change = JSON.parse(r.change) as { s?: Record<string, unknown>; del?: 1; b?: 1 };
    if (change.del) {
      if (!t.deletedAt.has(r.object)) t.deletedAt.set(r.object, r.at);
      continue;
    }
    const map = r.kind === 'deck' ? t.decks : t.presets;
    const list = map.get(r.object) ?? [];
    list.push({ at: r.at, s: change.s!, ...(change.b ? { b: 1 as const } : {}) });
    map.set(r.object, list);
  }
  for (const p of col.stmt('SELECT * FROM presets WHERE sync_id IS NOT NULL').all() as (PresetRow & {
    sync_id: string;
  })[])
    t.rows.set(p.sync_id, p);
  return t;
}

/** The field's value at `at`: its last change by then, else (none yet) `before` or a set-up value. */
function valueAt(changes: readonly Change[], field: string, at: number, before: unknown): unknown {
  let last = before;
  let seen = false;
  for (const c of changes) {
    if (!(field in c.s)) continue;
    if (c.at > at) {
      if (!seen && c.b) last = c.s[field];
      break;
    }
    last = c.s[field];
    seen = true;
  }
  return last;
}

/** During a merge: the timelines read once, and each deck's, instead of once per card. */
const active = new WeakMap<
  Collection,
  { t: Timelines | null; byDeck: Map<number, PresetAt>; dayStart: DayStartAt }
>();

/** Runs `fn` (a merge, which changes no preset, deck or setting) with the timelines read once. */
export function withPresetTimelines<T>(col: Collection, fn: () => T): T {
  active.set(col, { t: build(col), byDeck: new Map(), dayStart: dayStartTimeline(col) });
  try {
    return fn();
  } finally {
    active.delete(col);
  }
}

/** The day-start hour as a function of time (see settings-collection.ts), read once during a merge. */
export function dayStartAt(col: Collection): DayStartAt {
  return active.get(col)?.dayStart ?? dayStartTimeline(col);
}

/** The deck's preset as a function of time (see above). */
export function presetTimeline(col: Collection, deckId: number): PresetAt {
  const merging = active.get(col);
  if (!merging) return timeline(col, deckId, build(col));
  let at = merging.byDeck.get(deckId);
  if (!at) {
    at = timeline(col, deckId, merging.t);
    merging.byDeck.set(deckId, at);
  }
  return at;
}

function timeline(col: Collection, deckId: number, t: Timelines | null): PresetAt {
  const current = col.presetOfDeck(deckId);
  if (!t) return () => current;
  const deck = col.deck(deckId)!;
  const deckChanges = t.decks.get(deck.name) ?? [];
  const currentKey = (current as PresetRow & { sync_id?: string | null }).sync_id ?? null;
  return (at) => {
    let key = deckChanges.length
      ? (valueAt(deckChanges, 'preset', at, DEFAULT_PRESET_KEY) as string)
      : currentKey;
    if (key === null) return current;
    const deleted = t.deletedAt.get(key);
    if (deleted !== undefined && deleted <= at) key = DEFAULT_PRESET_KEY;
    const changes = t.presets.get(key) ?? [];
    let seen = 0;
    while (seen < changes.length && changes[seen]!.at <= at) seen++;
    const memoKey = `${key}\u0000${seen}`;
    let row = t.memo.get(memoKey);
    if (!row) {
      const base = t.rows.get(key) ?? (key === currentKey ? current : defaultPreset(col));
      const fields: Record<string, unknown> = {};
      for (const c of changes)
        for (const f of Object.keys(c.s)) fields[f] ??= valueAt(changes, f, at, t.defaults[f]);
      row = { ...base, ...presetColumns(fields as Partial<PresetFields>) } as PresetRow;
      t.memo.set(memoKey, row);
    }
    return row;
  };
}
