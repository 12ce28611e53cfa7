/**
 * Is the collection file sound? SQLite's `quick_check` reads every page and checks the
 * b-trees (not index contents, which `integrity_check` would add at several times the cost).
 * A damaged collection otherwise opens silently and fails each call with "malformed", and a
 * backup of it would rotate the good ones away.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

const nativeBinding = () => process.env.MNEMO_SQLITE_BINDING || undefined;

/** The problems `quick_check` finds in an open database; empty when it is sound. */
export function quickCheck(db: Database.Database): string[] {
  try {
    const rows = db.prepare('PRAGMA quick_check(20)').pluck().all() as string[];
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  } catch (e) {
    return [(e as Error).message];
  }
}

/** The problems of the database file at `path` (opened read-only); empty when it is sound. */
export function quickCheckFile(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    return quickCheck(db);
  } catch (e) {
    return [(e as Error).message];
  } finally {
    db?.close();
  }
}

// Plain CommonJS for the worker: it runs the same way under tsx, Node and Electron's bundle.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { readonly: !workerData.fold, fileMustExist: true, nativeBinding: workerData.binding });
  if (workerData.fold) db.pragma('journal_mode = DELETE');
  const rows = db.prepare('PRAGMA quick_check(20)').pluck().all();
  parentPort.postMessage(rows.length === 1 && rows[0] === 'ok' ? [] : rows);
} catch (e) {
  parentPort.postMessage([String(e && e.message || e)]);
} finally {
  if (db) db.close();
}`;

/**
 * `quickCheckFile` on a worker thread, so a large collection is checked while the app
 * already answers (its own read-only connection sees a consistent snapshot). `fold` is for
 * a fresh backup copy: it is first turned into one self-contained file (rollback journal,
 * no -wal or -shm beside it), so a backup is always a single file to copy or restore.
 */
export function quickCheckInBackground(path: string, fold = false): Promise<string[]> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { module, path, fold, binding: nativeBinding() },
    });
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', (e) => resolve([e.message]));
  });
}
