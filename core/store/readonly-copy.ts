/**
 * Reading a collection from a folder Mnemo cannot write (a read-only mount, a backup disk,
 * another user's files). SQLite cannot open a WAL database read-only there unless its -shm
 * file already exists, so readers work on a private snapshot instead: the file (and its WAL,
 * which may hold the latest answers) copied to a temp folder, folded into one file, opened
 * read-only. The copy is removed when the process exits.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { buildPendingIndexes } from './pending-indexes.ts';

const copies: string[] = [];
let cleanupRegistered = false;

/** True when the collection at `path` (or, if it does not exist, its folder) can be written. */
export function canWrite(path: string): boolean {
  try {
    // A data folder not made yet is made by the first open: the nearest folder that exists decides.
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A read-only-openable snapshot of the collection at `path`; returns the copy's path. */
export function readableCopy(path: string, nativeBinding?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnemo-readonly-'));
  copies.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const d of copies) rmSync(d, { recursive: true, force: true });
    });
  }
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  // Fold the WAL into the copy and leave it in rollback mode, which needs no -shm to read.
  const db = new Database(copy, { nativeBinding });
  db.pragma('journal_mode = DELETE');
  // Read-only readers' queries name the indexes a bulk load left for later: build them here.
  buildPendingIndexes(db);
  db.close();
  return copy;
}
