/**
 * Backups of the collection into `backups/` beside it: one per study day when the app starts,
 * one at most every 30 minutes while reviews are being made, one when the app closes after
 * reviews, and any the user asks for. better-sqlite3's online backup copies a consistent
 * snapshot a few pages at a time and yields between steps, so answering goes on while it
 * runs. A collection that fails `quick_check` is never backed up (its copy would rotate a
 * good backup away), and a copy is kept only once it checks sound itself.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MnemoError } from '../errors.ts';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from './collection.ts';
import { quickCheckFile, quickCheckInBackground } from './integrity.ts';

/** Study days whose newest backup is kept. */
export const KEEP_BACKUPS = 14;
/** Besides those, every backup of the last day, up to this many (a day of half-hourly ones). */
const KEEP_RECENT = 48;
/** Reviews made: the next backup is due this long after the last one. */
export const REVIEW_BACKUP_EVERY_MS = 30 * 60_000;
const NAME = /^collection-(\d{8})-(\d{4})(\d{2})?\.sqlite$/;
const DAY = 86_400_000;

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
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** When a backup was taken, from its name (local time). */
export function backupTakenAt(file: string): number | null {
  const m = NAME.exec(file.split(/[\\/]/).at(-1)!);
  if (!m) return null;
  const [d, t, s] = [m[1]!, m[2]!, m[3] ?? '00'];
  return new Date(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6), +t.slice(0, 2), +t.slice(2), +s).getTime();
}

/** The backups of the collection file at `collectionPath`, newest first. */
export function listBackupsOf(collectionPath: string): string[] {
  const dir = backupDirOf(collectionPath);
  try {
    return readdirSync(dir)
      .filter((f) => NAME.test(f))
      .map((f) => join(dir, f))
      .sort((a, b) => backupTakenAt(b)! - backupTakenAt(a)!);
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
 * Which backups stay: the newest of each of the last KEEP_BACKUPS study days that have one,
 * and every backup of the last 24 hours up to KEEP_RECENT.
 */
export function backupsToPrune(files: string[], now: number, dayStartHour: number): string[] {
  const keep = new Set<string>();
  const days = new Set<number>();
  for (const f of files) {
    const day = studyDay(backupTakenAt(f)!, dayStartHour).start;
    if (!days.has(day) && days.size < KEEP_BACKUPS) {
      days.add(day);
      keep.add(f);
    }
  }
  files
    .filter((f) => now - backupTakenAt(f)! < DAY)
    .slice(0, KEEP_RECENT)
    .forEach((f) => {
      keep.add(f);
    });
  return files.filter((f) => !keep.has(f));
}

/**
 * Takes a backup now, whatever the schedule (the user's "Back up now", the close and review
 * backups). Throws, changing no backup, when the collection is damaged.
 */
export async function createBackup(col: Collection): Promise<string> {
  const now = col.now();
  const problems = await quickCheckInBackground(col.path);
  if (problems.length > 0) {
    throw new MnemoError(
      'Corrupt',
      `the collection is damaged, so no backup was taken (the good ones are kept): ${problems[0]}`,
    );
  }
  mkdirSync(backupDir(col), { recursive: true });
  let target = join(backupDir(col), `collection-${stamp(now)}.sqlite`);
  for (let i = 1; listBackups(col).includes(target); i++) {
    target = join(backupDir(col), `collection-${stamp(now + i * 1000)}.sqlite`); // same second: the next
  }
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
  for (const old of backupsToPrune(listBackups(col), now, col.settings().dayStartHour))
    rmSync(old, { force: true });
  return target;
}

/** Takes today's backup unless one exists for this study day. */
export async function backupIfDue(col: Collection): Promise<string | null> {
  const day = studyDay(col.now(), col.settings().dayStartHour);
  const latest = listBackups(col)[0];
  const taken = latest ? backupTakenAt(latest) : null;
  if (taken !== null && taken >= day.start) return null;
  return createBackup(col);
}

/** Answers given since the newest backup was taken. */
function reviewsSinceLastBackup(col: Collection): number {
  const latest = listBackups(col)[0];
  const since = latest ? backupTakenAt(latest)! : 0;
  return (col.stmt('SELECT count(*) AS n FROM review_log WHERE reviewed_at >= ?').get(since) as { n: number })
    .n;
}

/** A review backup: reviews were made and the newest backup is 30 minutes old or more. */
export async function backupIfReviewed(col: Collection): Promise<string | null> {
  const latest = listBackups(col)[0];
  const age = latest ? col.now() - backupTakenAt(latest)! : Number.POSITIVE_INFINITY;
  if (age < REVIEW_BACKUP_EVERY_MS || reviewsSinceLastBackup(col) === 0) return null;
  return createBackup(col);
}

/**
 * The app's backups: today's now; then every five minutes the study day's and the review
 * one if due; a retry ten minutes after a failure; and on stop, one if reviews were made
 * since the last. Failures are reported, never thrown: a backup is a background task that
 * must not stop the app. Returns the stop function.
 */
export function scheduleBackups(col: Collection): () => Promise<void> {
  const CHECK_EVERY_MS = 5 * 60_000;
  const RETRY_MS = 10 * 60_000;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = () => {
    running = backupIfDue(col)
      .then(() => backupIfReviewed(col))
      .then(
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
    // Closing after reviews: keep them in a backup too.
    if (reviewsSinceLastBackup(col) > 0)
      await createBackup(col).catch((e: Error) => col.onBackgroundError('backup', e));
  };
}
