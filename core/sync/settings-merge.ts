/**
 * Merging settings events: a union by event id, then each object with new events is set
 * from all of its events folded in order — time, then device, then the device's own count,
 * then event id (the card events' order, see outbox.ts): the last writer wins per object and
 * field, and a deletion is final (it wins over every edit, older or concurrent). The result
 * depends only on the set of events, so every device ends with the same presets, decks'
 * presets and exams whatever order the files came in. Nothing here re-schedules a card:
 * a preset's new values apply from the next answer on.
 */
import type { Collection } from '../store/collection.ts';
import type { SettingEvent, SettingKind } from './settings-events.ts';
import { applyExam } from './settings-exams.ts';
import { fold } from './settings-fold.ts';
import { applyPresets } from './settings-presets.ts';
import { storeSetting } from './settings-record.ts';

/** A deck's preset: waits while the deck is not compiled here, or the preset not known yet. */
function applyDeck(col: Collection, name: string): boolean {
  const f = fold(col, 'deck', name);
  const deck = col.stmt('SELECT id, preset_id FROM decks WHERE name = ?').get(name) as
    | { id: number; preset_id: number }
    | undefined;
  if (!f || !deck) return false;
  const key = f.fields.preset as string;
  let presetId = col.stmt('SELECT id FROM presets WHERE sync_id = ?').pluck().get(key) as number | undefined;
  if (presetId === undefined) {
    // Deleted (on any device): the deck falls back to the default preset, as deleting it here would.
    const gone = fold(col, 'preset', key)?.deleted;
    if (!gone) return false;
    presetId = 1;
  }
  if (deck.preset_id !== presetId)
    col.stmt('UPDATE decks SET preset_id = ? WHERE id = ?').run(presetId, deck.id);
  return true;
}

/**
 * Sets every object with events not yet applied (or waiting) from its folded events; returns
 * how many objects still wait for a deck or preset this collection does not have yet.
 */
export function applySettings(col: Collection): { applied: number; waiting: number } {
  const pending = col.stmt('SELECT DISTINCT kind, object FROM sync_settings WHERE merged <> 1').all() as {
    kind: SettingKind;
    object: string;
  }[];
  if (pending.length === 0) return { applied: 0, waiting: 0 };
  // Presets all at once: their names are unique, and a clash is settled across all of them.
  if (pending.some((p) => p.kind === 'preset')) applyPresets(col);
  const mark = col.stmt('UPDATE sync_settings SET merged = ? WHERE kind = ? AND object = ? AND merged <> 1');
  let waiting = 0;
  for (const { kind, object } of pending) {
    const done = kind === 'preset' ? true : kind === 'deck' ? applyDeck(col, object) : applyExam(col, object);
    if (!done) waiting++;
    mark.run(done ? 1 : 2, kind, object);
  }
  col.invalidatePresets();
  return { applied: pending.length - waiting, waiting };
}

/** Adds other devices' settings events (a duplicate counts once) and applies them. */
export function mergeSettings(
  col: Collection,
  dev: string,
  events: readonly SettingEvent[],
): { added: number; foreignOwn: boolean; waiting: number } {
  return col.tx(() => {
    let added = 0;
    let foreignOwn = false;
    const known = col.stmt('SELECT 1 FROM sync_settings WHERE id = ?').pluck();
    for (const e of events) {
      if (e.dev === dev && !foreignOwn && !known.get(e.id)) foreignOwn = true;
      if (storeSetting(col, e, false)) added++;
    }
    const { waiting } = applySettings(col);
    return { added, foreignOwn, waiting };
  });
}
