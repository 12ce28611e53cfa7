/** This device's settings events not yet in its segment file, as lines (see folder.ts). */
import type { Collection } from '../store/collection.ts';
import { encodeSetting, type SettingEvent } from './settings-events.ts';
import { countKinds, type KindCounts } from './settings-report.ts';

export function settingsOutbox(col: Collection): { lines: string[]; kinds: KindCounts; written: () => void } {
  // Events recorded meanwhile get higher rowids: only those up to here are marked written.
  const upTo = col.stmt('SELECT max(rowid) FROM sync_settings').pluck().get() as number | null;
  const rows = col
    .stmt('SELECT * FROM sync_settings WHERE outbox = 1 AND rowid <= ? ORDER BY dev, n, id')
    .all(upTo ?? 0) as (Omit<SettingEvent, 'change'> & { change: string })[];
  return {
    lines: rows.map((r) => encodeSetting({ ...r, change: JSON.parse(r.change) })),
    kinds: countKinds(rows.map((r) => r.kind)),
    written: () => {
      col.stmt('UPDATE sync_settings SET outbox = 0 WHERE outbox = 1 AND rowid <= ?').run(upTo ?? 0);
    },
  };
}
