/**
 * One sync: read what other devices wrote, merge it, then append this device's outbox to
 * its own file. A missing or unreadable folder ends the sync with a message; reviewing
 * never depends on it (answers wait in the outbox).
 */
import { MnemoError } from '../errors.ts';
import type { Collection } from '../store/collection.ts';
import { phase } from '../util/phases.ts';
import { currentDevice, newDevice } from './device.ts';
import { appendOutbox, checkFolder } from './folder.ts';
import { merge } from './merge.ts';
import { type FileProblem, readNew } from './reader.ts';
import { mergeSettings } from './settings-merge.ts';
import { lastFromOthers, noCounts, type SettingsReport } from './settings-report.ts';
import { recordUntracked } from './settings-snapshot.ts';
import { withPresetTimelines } from './settings-timeline.ts';

/** Events this far ahead of our clock mean a device's clock is wrong: shown as a warning. */
export const FUTURE_MS = 60 * 60 * 1000;

export interface SyncReport {
  at: number;
  folder: string;
  device: string;
  /** Events read from other devices that were new here (settings events included). */
  in: number;
  /** This device's events appended to its file. */
  out: number;
  /** Cards re-derived from their events, and how many of them changed. */
  rederived: number;
  changed: number;
  /** Events for cards not (yet) in this collection. */
  waiting: number;
  /** Set when this device took a new id (a copied data folder was detected). */
  newDeviceId: boolean;
  /** Lines or files that could not be read this time, and why. */
  problems: FileProblem[];
  /** Why nothing was synced (the folder is missing or unreadable), else null. */
  error: string | null;
  /** Of `in` and `out`, the settings events by kind, and the newest settings change from elsewhere. */
  settings: SettingsReport;
}

/**
 * A sync commits without waiting for the disk (WAL's synchronous=NORMAL), the collection's
 * setting put back after. All it writes comes back from the sync folder, where the events it
 * read stay: a merge lost to a power cut loses its files' watermarks with it, so the next
 * sync merges those files again; outbox events not marked written are written again, and
 * readers count each event once. An answer after it still commits with synchronous=FULL,
 * which syncs the sync's pages in the log before its own. The benchmark's merge of 100,000
 * events waited about 0.3 s for that sync to disk.
 */
export function runSync(col: Collection): SyncReport {
  const synchronous = col.db.pragma('synchronous', { simple: true }) as number;
  col.db.pragma('synchronous = NORMAL');
  try {
    return syncNow(col);
  } finally {
    col.db.pragma(`synchronous = ${synchronous}`);
  }
}

function syncNow(col: Collection): SyncReport {
  const folder = col.settings().syncFolder;
  if (!folder)
    throw new MnemoError('Conflict', 'sync is not set up: run "mnemo sync init DIR" with a synced folder');
  let { device, renewed } = currentDevice(col);
  const report: SyncReport = {
    at: col.now(),
    folder,
    device: device.id,
    in: 0,
    out: 0,
    rederived: 0,
    changed: 0,
    waiting: 0,
    newDeviceId: renewed,
    problems: [],
    error: null,
    settings: { in: noCounts(), out: noCounts(), lastFromOthers: null },
  };
  try {
    checkFolder(folder);
    col.tx(() => recordUntracked(col, false));
    const read = phase('read files', () => readNew(col, folder));
    report.problems = read.problems;
    // Settings first, in the same transaction: the cards then re-derive under the presets they were answered with.
    const merged = phase('merge transaction (commit included)', () =>
      col.tx(() => {
        const settings = phase('settings', () => mergeSettings(col, device.id, read.settings));
        // The settings reset no card's head or events (the usual case; what else they write the
        // cards' bulk reads do not read): those reads may read the collection as committed, on
        // the replay worker (core/sync/batch-worker.ts).
        const committedReads = settings.unheaded === 0;
        const cards = withPresetTimelines(col, () =>
          merge(col, device.id, read.events, read.marks, { committedReads }),
        );
        report.settings.in = settings.byKind;
        return {
          ...cards,
          added: cards.added + settings.added,
          foreignOwn: cards.foreignOwn || settings.foreignOwn,
        };
      }),
    );
    if (merged.foreignOwn) {
      device = newDevice(col);
      report.device = device.id;
      report.newDeviceId = true;
    }
    Object.assign(report, {
      in: merged.added,
      rederived: merged.rederived,
      changed: merged.changed,
      waiting: merged.waiting,
    });
    const out = appendOutbox(col, folder, device.id, col.now());
    report.out = out.written;
    report.settings.out = out.settings;
  } catch (e) {
    report.error = (e as Error).message;
  }
  // Known here even when the folder is away: it was merged before.
  report.settings.lastFromOthers = lastFromOthers(col, report.device, folder);
  col.tx(() => col.writeSettings({ syncLast: report }));
  return report;
}
