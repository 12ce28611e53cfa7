/**
 * What a sync says about settings: how many preset, deck, exam and settings events came in
 * and went out, and the newest settings change made on another device (what, where, when),
 * as `mnemo sync` and Settings → Sync show them.
 */
import type { Collection } from '../store/collection.ts';
import { deviceName } from './folder.ts';
import { SETTING_KINDS, type SettingKind } from './settings-events.ts';

export type KindCounts = Record<SettingKind, number>;

export const noCounts = (): KindCounts => ({ preset: 0, deck: 0, exam: 0, settings: 0 });

export function countKinds(kinds: Iterable<SettingKind>): KindCounts {
  const out = noCounts();
  for (const k of kinds) out[k]++;
  return out;
}

export interface SettingChangeSeen {
  kind: SettingKind;
  /** Its shared identity (a preset's sync id, a deck's name path, an exam's uuid, `collection`). */
  object: string;
  /** What it is called here now (a preset's or exam's name, a deck's path), when known. */
  name: string | null;
  /** The fields it set, with their values; null: a deletion. */
  fields: Record<string, unknown> | null;
  device: string;
  deviceName: string | null;
  at: number;
}

export interface SettingsReport {
  in: KindCounts;
  out: KindCounts;
  /** The newest (by its time) settings change made on another device, of all merged here. */
  lastFromOthers: SettingChangeSeen | null;
}

function nameOf(col: Collection, kind: SettingKind, object: string): string | null {
  if (kind === 'deck' || kind === 'settings') return kind === 'deck' ? object : null;
  const sql =
    kind === 'preset'
      ? 'SELECT name FROM presets WHERE sync_id = ?'
      : 'SELECT name FROM exams WHERE uuid = ?';
  const name = col.stmt(sql).pluck().get(object) as string | undefined;
  // A preset made elsewhere is named `\u0001…` until its name arrives (settings-presets.ts).
  return name === undefined || name.startsWith('\u0001') ? null : name;
}

export function lastFromOthers(col: Collection, dev: string, folder: string): SettingChangeSeen | null {
  const row = col
    .stmt(
      `SELECT dev, at, kind, object, change FROM sync_settings WHERE dev <> ?
       ORDER BY at DESC, dev DESC, n DESC, id DESC LIMIT 1`,
    )
    .get(dev) as { dev: string; at: number; kind: SettingKind; object: string; change: string } | undefined;
  if (!row || !SETTING_KINDS.includes(row.kind)) return null;
  const change = JSON.parse(row.change) as { s?: Record<string, unknown>; del?: 1 };
  return {
    kind: row.kind,
    object: row.object,
    name: nameOf(col, row.kind, row.object),
    fields: change.del ? null : (change.s ?? {}),
    device: row.dev,
    deviceName: deviceName(folder, row.dev),
    at: row.at,
  };
}
