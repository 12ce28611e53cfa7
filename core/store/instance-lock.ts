/**
 * One app per data folder. Two app instances on one collection would each cache settings,
 * keep their own undo expectations and race each other's answers; the CLI may still run
 * alongside (its writes take turns through BEGIN IMMEDIATE).
 *
 * The lock is an exclusive SQLite lock on `mnemo.lock` beside the collection, held for the
 * life of the process. It is an OS file lock, so it is released when the holder exits or
 * dies (kill -9, power cut) and can never go stale, unlike a PID file. A small JSON file
 * beside it says who holds it, only to make the refusal readable.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MnemoError } from '../errors.ts';

export interface InstanceLock {
  release(): void;
}

export interface HolderInfo {
  pid: number;
  startedAt: number;
  /** Where the holder can be reached (the browser-mode address, without its token). */
  where: string;
}

export const LOCK_FILE = 'mnemo.lock';
const INFO_FILE = 'mnemo.lock.json';

function describeHolder(dataDir: string): string {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, INFO_FILE), 'utf8')) as HolderInfo;
    const since = new Date(info.startedAt).toLocaleString();
    return ` (process ${info.pid}, since ${since}${info.where ? `, ${info.where}` : ''})`;
  } catch {
    return '';
  }
}

/**
 * Takes the data folder's app lock or throws a Conflict naming who holds it. `where` is
 * recorded for the message another instance would show.
 */
export function acquireInstanceLock(dataDir: string, where = ''): InstanceLock {
  const db = new Database(join(dataDir, LOCK_FILE), {
    nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined,
  });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new MnemoError(
        'Conflict',
        `Mnemo is already open on ${dataDir}${describeHolder(dataDir)}. Use that window, or quit it ` +
          'first. (Command-line tools such as "mnemo compile" may run while it is open.)',
      );
    }
    throw e;
  }
  const info: HolderInfo = { pid: process.pid, startedAt: Date.now(), where };
  writeFileSync(join(dataDir, INFO_FILE), JSON.stringify(info));
  return {
    release() {
      if (!db.open) return;
      rmSync(join(dataDir, INFO_FILE), { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** Updates where the holder can be reached, once it knows (e.g. after binding its port). */
export function recordInstanceAddress(dataDir: string, where: string): void {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, INFO_FILE), 'utf8')) as HolderInfo;
    if (info.pid === process.pid) writeFileSync(join(dataDir, INFO_FILE), JSON.stringify({ ...info, where }));
  } catch {
    // Only the refusal message of another instance loses detail.
  }
}
