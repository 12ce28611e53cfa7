/** Setting sync up (`mnemo sync init DIR`) and what Settings → Sync shows. */
import { realpathSync } from 'node:fs';
import { compileDecks } from '../compiler/compile.ts';
import { deckFolders } from '../compiler/deck-folders.ts';
import type { CardRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import { currentDevice } from './device.ts';
import { checkFolder, deviceName } from './folder.ts';
import { nextCount, recordEvents, setEvent } from './outbox.ts';
import type { FileProblem } from './reader.ts';
import { FUTURE_MS, runSync, type SyncReport } from './run.ts';
import { recordUntracked } from './settings-snapshot.ts';

/**
 * Makes DIR this collection's sync folder: gives every note of the deck folders an id in its
 * file (so every device names it alike), records the history so far as this device's
 * events (answers, resets, suspensions and flags; presets, decks' presets and exams), then syncs.
 */
export function initSync(col: Collection, dir: string): SyncReport {
  checkFolder(dir);
  const folder = realpathSync(dir);
  const folders = deckFolders(col);
  if (folders.length > 0) compileDecks(col, folders, { writeIds: true, keepGoing: true });
  col.tx(() => col.writeSettings({ syncFolder: folder }));
  const { device } = currentDevice(col);
  col.tx(() => {
    col
      .stmt(
        `INSERT OR IGNORE INTO sync_events (id, dev, at, n, card, type, rating, ms, outbox, merged)
         SELECT r.id, @dev, r.reviewed_at, @base + r.seq,
           CASE WHEN n.source_id IS NOT NULL THEN n.source_id ELSE 'g:' || n.guid END || '/' || c.ord,
           CASE WHEN r.rating = 0 THEN 'reset' ELSE 'answer' END,
           CASE WHEN r.rating = 0 THEN NULL ELSE r.rating END,
           CASE WHEN r.rating = 0 THEN NULL ELSE r.duration_ms END, 1, 0
         FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id
         WHERE r.kind <> 'cram'`,
      )
      .run({ dev: device.id, base: nextCount(col, device.id) });
    const now = col.now();
    const marked = col.stmt('SELECT * FROM cards WHERE suspended <> 0 OR flag <> 0').all() as CardRow[];
    for (const c of marked) {
      if (c.suspended) recordEvents(col, [setEvent(c, 'suspended', 1, now)]);
      if (c.flag) recordEvents(col, [setEvent(c, 'flag', c.flag, now)]);
    }
    recordUntracked(col, true);
  });
  return runSync(col);
}

export interface DeviceSeen {
  id: string;
  name: string | null;
  self: boolean;
  /** The newest event time in its files. */
  lastAt: number | null;
  /** Its newest event is far ahead of this device's clock. */
  future: boolean;
  files: number;
}

export interface SyncStatus {
  folder: string | null;
  device: string | null;
  /** This device's events not yet written to the folder. */
  outbox: number;
  devices: DeviceSeen[];
  /** Lines and files that could not be read, and why. */
  problems: FileProblem[];
  last: SyncReport | null;
}

export function syncStatus(col: Collection): SyncStatus {
  const { syncFolder: folder, syncDevice, syncLast } = col.settings();
  const last = (syncLast as SyncReport | null) ?? null;
  const outbox = col
    .stmt(
      'SELECT (SELECT count(*) FROM sync_events WHERE outbox = 1) + (SELECT count(*) FROM sync_settings WHERE outbox = 1)',
    )
    .pluck()
    .get() as number;
  if (!folder) return { folder: null, device: null, outbox, devices: [], problems: [], last };
  const now = col.now();
  const rows = col
    .stmt('SELECT dev, max(last_at) AS lastAt, count(*) AS files FROM sync_files GROUP BY dev ORDER BY dev')
    .all() as { dev: string; lastAt: number | null; files: number }[];
  const devices = rows.map((r) => ({
    id: r.dev,
    name: deviceName(folder, r.dev),
    self: r.dev === syncDevice?.id,
    lastAt: r.lastAt,
    future: r.lastAt !== null && r.lastAt > now + FUTURE_MS,
    files: r.files,
  }));
  const problems: FileProblem[] = [];
  for (const e of col
    .stmt("SELECT errors FROM sync_files WHERE errors <> '[]' ORDER BY path")
    .pluck()
    .all() as string[]) {
    problems.push(...(JSON.parse(e) as FileProblem[]));
  }
  for (const p of last?.problems ?? []) {
    if (p.line === undefined) problems.push(p); // a file that could not be read at all
  }
  return { folder, device: syncDevice?.id ?? null, outbox, devices, problems: problems.slice(0, 100), last };
}
