/**
 * The collection's scheduling settings as settings events (kind `settings`, object
 * `collection`): the day-start hour and the learn-ahead minutes belong to the collection —
 * with different day starts two devices would date the same answer's next review apart — so
 * they travel, the last writer winning per field like a preset's (settings-merge.ts). The
 * theme, the language and the window belong to the device and stay there.
 *
 * A re-derived card replays each answer under the day start in force at that answer's time
 * (as it does the preset, settings-timeline.ts): before the field's first event its built-in
 * default, or the value recorded at set-up (`b`) when that is its first event; with no event
 * at all, the current value (as before sync carried settings).
 */
import type { Collection } from '../store/collection.ts';
import { DEFAULT_SETTINGS, type Settings } from '../store/settings.ts';
import { syncingDevice } from './outbox.ts';
import { COLLECTION_KEY } from './settings-events.ts';
import { fold, hasEventsAfter, ORDER_BY } from './settings-fold.ts';
import { recordSetting } from './settings-record.ts';

export const SYNCED_SETTINGS = ['dayStartHour', 'learnAheadMinutes'] as const;
export type SyncedSetting = (typeof SYNCED_SETTINGS)[number];
type Patch = Partial<Pick<Settings, SyncedSetting>>;

/** The synced fields of a settings change that differ from now: recorded in the caller's transaction. */
export function recordSettingsChange(col: Collection, patch: Partial<Settings>): void {
  if (syncingDevice(col) === null) return;
  const current = col.settings();
  const s: Patch = {};
  for (const k of SYNCED_SETTINGS) {
    const v = patch[k];
    if (v !== undefined && v !== current[k]) s[k] = v;
  }
  if (Object.keys(s).length > 0) recordSetting(col, 'settings', COLLECTION_KEY, { s });
}

/**
 * Fields no event names yet whose value differs from the default — set before sync was set up
 * (or before this Mnemo carried settings) — recorded as held from the start (`b`), so the
 * other devices replay this device's answers under them. A default is not recorded: a device
 * set up later with untouched settings undoes nothing.
 */
export function recordUntrackedSettings(col: Collection): void {
  if (syncingDevice(col) === null) return;
  const named = new Set<string>();
  for (const c of col
    .stmt("SELECT change FROM sync_settings WHERE kind = 'settings'")
    .pluck()
    .all() as string[])
    for (const k of Object.keys((JSON.parse(c) as { s?: object }).s ?? {})) named.add(k);
  const current = col.settings();
  const s: Patch = {};
  for (const k of SYNCED_SETTINGS) if (!named.has(k) && current[k] !== DEFAULT_SETTINGS[k]) s[k] = current[k];
  if (Object.keys(s).length > 0) recordSetting(col, 'settings', COLLECTION_KEY, { s, b: 1 });
}

/** The settings as their events up to `now` say; returns whether none waits for its time. */
export function applyCollectionSettings(col: Collection, now: number): boolean {
  const f = fold(col, 'settings', COLLECTION_KEY, now);
  if (f) {
    const current = col.settings();
    const patch: Patch = {};
    for (const k of SYNCED_SETTINGS) {
      const v = f.fields[k] as number | undefined;
      if (v !== undefined && v !== current[k]) patch[k] = v;
    }
    if (Object.keys(patch).length > 0) col.writeSettings(patch);
  }
  return !hasEventsAfter(col, 'settings', COLLECTION_KEY, now);
}

export type DayStartAt = (at: number) => number;

/** The day-start hour in force at each time, as the events say (see above). */
export function dayStartTimeline(col: Collection): DayStartAt {
  const rows = col.stmt(`SELECT at, change FROM sync_settings WHERE kind = 'settings' ${ORDER_BY}`).all() as {
    at: number;
    change: string;
  }[];
  const changes: { at: number; hour: number; b: boolean }[] = [];
  for (const r of rows) {
    const c = JSON.parse(r.change) as { s?: Patch; b?: 1 };
    const hour = c.s?.dayStartHour;
    if (hour !== undefined) changes.push({ at: r.at, hour, b: c.b === 1 });
  }
  const current = col.settings().dayStartHour;
  if (changes.length === 0) return () => current;
  const first = changes[0]!;
  const start = first.b ? first.hour : DEFAULT_SETTINGS.dayStartHour;
  if (changes.length === 1) return (at) => (at < first.at ? start : first.hour);
  return (at) => {
    let hour = start;
    for (const c of changes) {
      if (c.at > at) break;
      hour = c.hour;
    }
    return hour;
  };
}
