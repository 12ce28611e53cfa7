/**
 * Automatic backups: one snapshot of the collection per study day into `backups/` beside
 * the collection; the newest ones are kept. better-sqlite3's online backup copies a
 * consistent snapshot a few pages at a time and yields between steps, so answering goes on
 * while it runs. A collection that fails `quick_check` is never backed up (its copy would
 * rotate a good backup away), and a copy is kept only once it checks sound itself.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MnemoError } from '../errors.ts';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from './collection.ts';
import { quickCheckFile, quickCheckInBackground } from './integrity.ts';

export const KEEP_BACKUPS = 14;
const NAME = /^collection-(\d{8})-(\d{4})\.sqlite$/;
/** After a failed backup (disk full, say), try again this much later. */
const RETRY_MS = 10 * 60_000;
/** A long-running app checks this often whether a new study day wants its backup. */
const CHECK_EVERY_MS = 60 * 60_000;

/** The backups folder of the collection file at `collectionPath`. */
export function backupDirOf(collectionPath: string): string {
  return join(dirname(collectionPath), 'backups');
}

export function backupDir(col: Collection): string {
  return backupDirOf(col.path);
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** When a backup was taken, from its name (local time, to the minute). */
export function backupTakenAt(file: string): number | null {
  const m = NAME.exec(file.split(/[\\/]/).at(-1)!);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  return new Date(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6), +t.slice(0, 2), +t.slice(2)).getTime();
}

/** The backups of the collection file at `collectionPath`, newest first. */
export function listBackupsOf(collectionPath: string): string[] {
  const dir = backupDirOf(collectionPath);
  try {
    return readdirSync(dir)
      .filter((f) => NAME.test(f))
      .sort()
      .reverse()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function listBackups(col: Collection): string[] {
  return listBackupsOf(col.path);
}

/** The newest backup that passes `quick_check` (and is not empty), or null. */
export function newestGoodBackup(collectionPath: string): string | null {
  for (const file of listBackupsOf(collectionPath)) {
    if (statSync(file).size > 0 && quickCheckFile(file).length === 0) return file;
  }
  return null;
}

/**
 * Takes today's backup unless one exists for this study day; prunes to the newest
 * KEEP_BACKUPS. Throws (and changes no backup) when the collection is damaged.
 */
export async function backupIfDue(col: Collection): Promise<string | null> {
  const now = col.now();
  const day = studyDay(now, col.settings().dayStartHour);
  const latest = listBackups(col)[0];
  const taken = latest ? backupTakenAt(latest) : null;
  if (taken !== null && taken >= day.start) return null;

  const problems = await quickCheckInBackground(col.path);
  if (problems.length > 0) {
    throw new MnemoError(
      'Corrupt',
      `the collection is damaged, so no backup was taken (the good ones are kept): ${problems[0]}`,
    );
  }
  mkdirSync(backupDir(col), { recursive: true });
  const target = join(backupDir(col), `collection-${stamp(now)}.sqlite`);
  const partial = `${target}.partial`;
  try {
    await col.db.backup(partial, { progress: () => 200 });
    const copyProblems = await quickCheckInBackground(partial, true);
    if (copyProblems.length > 0) throw new Error(`the backup copy does not check sound: ${copyProblems[0]}`);
    renameSync(partial, target);
  } catch (e) {
    // A half-written copy (full disk) never counts as a backup.
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    throw e;
  }
  for (const old of listBackups(col).slice(KEEP_BACKUPS)) rmSync(old, { force: true });
  return target;
}

/**
 * The app's backups: today's now, then a check every hour (a new study day gets its own),
 * and a retry ten minutes after a failure. Failures are reported, never thrown: a backup
 * is a background task that must not stop the app. Returns a stop function.
 */
export function scheduleBackups(col: Collection): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = () => {
    running = backupIfDue(col).then(
      () => schedule(CHECK_EVERY_MS),
      (e: Error) => {
        col.onBackgroundError('backup', e);
        schedule(RETRY_MS);
      },
    );
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };
  run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
