/**
 * Opening the collection for the app (browser mode or Electron), as opposed to a CLI
 * command: one app per data folder (the instance lock), the bundled decks on the first
 * start, an integrity check in the background, and the daily backups. Both shells use this,
 * so they behave the same.
 */
import { mkdirSync } from 'node:fs';
import { ensureBundledDecks } from '../compiler/bundled.ts';
import { markBundledUpdatePending, updateBundledDecks } from '../compiler/bundled-update.ts';
import { MnemoError, storageError } from '../errors.ts';
import { type Mnemo, openMnemo } from '../index.ts';
import { backupTakenAt, newestGoodBackup, scheduleBackups } from '../store/backup.ts';
import { readOnlyFolderError } from '../store/db.ts';
import { indexPendingNotes } from '../store/fts-pending.ts';
import { acquireInstanceLock } from '../store/instance-lock.ts';
import { quickCheckInBackground } from '../store/integrity.ts';
import { collectionPath } from '../store/paths.ts';
import { buildPendingIndexes } from '../store/pending-indexes.ts';
import { canWrite } from '../store/readonly-copy.ts';
import type { BundledDecksNotice } from '../store/settings.ts';
import { scheduleSync } from '../sync/schedule.ts';
import { START_TIMING, type StartTiming, startGate } from './start-gate.ts';

export interface AppSession {
  mnemo: Mnemo;
  /** Resolves with the integrity problems found (empty when the collection is sound). */
  checked: Promise<string[]>;
  /** Resolves once changed bundled decks were applied (what changed), or found unchanged (null). */
  bundledUpdate: Promise<BundledDecksNotice | null>;
  /**
   * The shell's screen is up and just asked for something (an API call answered, Electron's
   * first paint): the background work waits until it has been quiet a moment (start-gate.ts).
   */
  screenActive(): void;
  /** Waits for a running backup, closes the collection and releases the lock. */
  stop(): Promise<void>;
}

/** What to tell the user when the collection is damaged: the newest sound backup and how to restore it. */
export function damageReport(path: string, problem: string): string {
  const backup = newestGoodBackup(path);
  const taken = backup ? backupTakenAt(backup) : null;
  const restore = backup
    ? `Quit Mnemo and restore the newest sound backup, ${backup}` +
      `${taken ? ` (taken ${new Date(taken).toLocaleString()})` : ''}, with "mnemo backups restore".`
    : 'No sound backup was found in the backups folder.';
  return `The collection ${path} is damaged (${problem}). ${restore}`;
}

export function openApp(dataDir: string, where = '', timing: StartTiming = START_TIMING): AppSession {
  const path = collectionPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  // Before the lock, which is itself a file written in that folder.
  if (!canWrite(path)) throw readOnlyFolderError(dataDir);
  const lock = acquireInstanceLock(dataDir, where);
  let mnemo: Mnemo;
  try {
    mnemo = openMnemo({ dataDir });
  } catch (e) {
    lock.release();
    throw e;
  }
  const col = mnemo.col;
  const markDamaged = (problem: string) => {
    col.damage ??= damageReport(path, problem);
    console.error(`mnemo: ${col.damage}`);
  };
  try {
    ensureBundledDecks(col);
  } catch (e) {
    const err = storageError(e);
    if (!(err instanceof MnemoError && err.type === 'Corrupt')) {
      mnemo.close();
      lock.release();
      throw err;
    }
    markDamaged((e as Error).message);
  }
  // After the first screen and card, not during them.
  const gate = startGate(timing);
  // Stopped before the work began: none of it runs (stop() opens the gate so all settles).
  let stopped = false;
  const checked = gate.ready
    .then(() => (stopped ? [] : quickCheckInBackground(path)))
    .then((problems) => {
      if (problems.length > 0) markDamaged(problems[0]!);
      return problems;
    });
  // Bundled decks this version ships changed are applied once the collection is known sound,
  // after the first screen is up (Home asks for the result and waits while it is pending);
  // not when the app is already closing.
  markBundledUpdatePending(col, true);
  const bundledUpdate = checked
    .then((problems) => (problems.length > 0 || stopped ? null : updateBundledDecks(col)))
    .catch((e: unknown) => {
      console.error(`mnemo: the bundled decks were not updated: ${(e as Error)?.message ?? e}`);
      return null;
    })
    .finally(() => markBundledUpdatePending(col, false));
  // Notes a large compile left out of the full-text index (fts-pending.ts), and the indexes
  // it left to build later (pending-indexes.ts), are written now, while the screen is idle,
  // rather than on the first text search or sorted page.
  bundledUpdate
    .then(() => checked)
    .then((problems) => {
      if (problems.length > 0 || stopped) return;
      indexPendingNotes(col);
      buildPendingIndexes(col.db);
    })
    .catch((e: unknown) =>
      console.error(`mnemo: the search index was not caught up: ${(e as Error)?.message ?? e}`),
    );
  // Backups start once the check has run: a damaged collection is never backed up.
  const stopBackups = bundledUpdate
    .then(() => checked)
    .then((problems) => (problems.length || stopped ? async () => {} : scheduleBackups(col)));
  // Sync starts once the collection is known sound and the bundled decks are current.
  const stopSync = bundledUpdate
    .then(() => checked)
    .then((problems) => (problems.length || stopped ? () => {} : scheduleSync(col)));
  return {
    mnemo,
    checked,
    bundledUpdate,
    screenActive: gate.active,
    async stop() {
      stopped = true;
      gate.open();
      (await stopSync)();
      await (await stopBackups)();
      mnemo.close();
      lock.release();
    },
  };
}
