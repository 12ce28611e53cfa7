/**
 * Automatic backups: one snapshot of the collection per study day, taken when the app
 * starts, into `backups/` beside the collection; the newest ones are kept. better-sqlite3's
 * online backup copies a consistent snapshot a few pages at a time and yields between steps,
 * so answering goes on while it runs.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from './collection.ts';

export const KEEP_BACKUPS = 14;
const NAME = /^collection-(\d{8})-(\d{4})\.sqlite$/;

export function backupDir(col: Collection): string {
  return join(dirname(col.path), 'backups');
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** The backups, newest first. */
export function listBackups(col: Collection): string[] {
  const dir = backupDir(col);
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

/** Takes today's backup unless one exists for this study day; prunes to the newest KEEP_BACKUPS. */
export async function backupIfDue(col: Collection): Promise<string | null> {
  const now = col.now();
  const day = studyDay(now, col.settings().dayStartHour);
  const latest = listBackups(col)[0];
  const m = latest ? NAME.exec(latest.split(/[\\/]/).at(-1)!) : null;
  if (m) {
    const [y, mo, d, h, mi] = [
      m[1]!.slice(0, 4),
      m[1]!.slice(4, 6),
      m[1]!.slice(6),
      m[2]!.slice(0, 2),
      m[2]!.slice(2),
    ];
    const taken = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)).getTime();
    if (taken >= day.start) return null;
  }
  mkdirSync(backupDir(col), { recursive: true });
  const target = join(backupDir(col), `collection-${stamp(now)}.sqlite`);
  await col.db.backup(target, { progress: () => 200 });
  for (const old of listBackups(col).slice(KEEP_BACKUPS)) rmSync(old, { force: true });
  return target;
}
