/**
 * Restoring a backup: the chosen copy (by default the newest that checks sound) replaces
 * the collection, and the file it replaces is set aside beside it, never deleted, so a
 * restore can itself be undone by hand. The caller holds the instance lock: no app has
 * the collection open.
 */
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MnemoError } from '../errors.ts';
import { createBackup, newestGoodBackup } from './backup.ts';
import type { Collection } from './collection.ts';
import { migrate, SCHEMA_VERSION } from './db.ts';
import { quickCheckFile } from './integrity.ts';

export interface RestoreResult {
  restored: string;
  /** Where the replaced collection was moved (null when there was none). */
  setAside: string | null;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function restoreBackup(collectionPath: string, backup?: string, now = Date.now()): RestoreResult {
  const chosen = backup ?? newestGoodBackup(collectionPath);
  if (!chosen) throw new MnemoError('NotFound', 'there is no sound backup to restore');
  if (!existsSync(chosen)) throw new MnemoError('NotFound', `no such backup: ${chosen}`);
  const problems = statSync(chosen).size === 0 ? ['the file is empty'] : quickCheckFile(chosen);
  if (problems.length > 0) {
    throw new MnemoError('Corrupt', `${chosen} is damaged too (${problems[0]}); choose another backup`);
  }
  const version = schemaVersionOf(chosen);
  if (version > SCHEMA_VERSION) {
    throw new MnemoError(
      'Conflict',
      `${chosen} was written by a newer Mnemo (schema ${version}; this version understands up to ${SCHEMA_VERSION}): update Mnemo to restore it`,
    );
  }
  let setAside: string | null = null;
  if (existsSync(collectionPath)) {
    setAside = `${collectionPath}.replaced-${stamp(now)}`;
    renameSync(collectionPath, setAside);
    // The WAL belongs to the file it was written for: it goes with it.
    for (const ext of ['-wal', '-shm']) {
      if (existsSync(collectionPath + ext)) renameSync(collectionPath + ext, setAside + ext);
    }
  }
  const incoming = `${collectionPath}.restoring`;
  copyFileSync(chosen, incoming);
  renameSync(incoming, collectionPath);
  return { restored: chosen, setAside };
}

/** The schema version a collection file was written with (read-only; 0 when it has none). */
function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").get();
    return table ? ((db.prepare('SELECT version FROM schema_version').pluck().get() as number) ?? 0) : 0;
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into the collection the app has open, without closing it: SQLite's
 * online backup copies the backup's pages into the live file through its own connection,
 * under the write lock, and the app's connection sees the restored content at its next read
 * (its caches follow `data_version`). The current collection is backed up first, so a
 * restore can be undone by restoring that. A backup from a newer Mnemo is refused; one from
 * an older Mnemo is brought up to date.
 */
export async function restoreIntoOpen(
  col: Collection,
  backupFile: string,
): Promise<{ safetyBackup: string }> {
  if (!existsSync(backupFile)) throw new MnemoError('NotFound', `no such backup: ${backupFile}`);
  const problems = statSync(backupFile).size === 0 ? ['the file is empty'] : quickCheckFile(backupFile);
  if (problems.length > 0) throw new MnemoError('Corrupt', `${backupFile} is damaged (${problems[0]})`);
  const version = schemaVersionOf(backupFile);
  if (version > SCHEMA_VERSION) {
    throw new MnemoError(
      'Conflict',
      `${backupFile} was written by a newer Mnemo (schema ${version}; this version understands up to ${SCHEMA_VERSION}): update Mnemo to restore it`,
    );
  }
  const safetyBackup = await createBackup(col);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(col.path);
  } finally {
    source.close();
  }
  if (version < SCHEMA_VERSION) migrate(col.db, version);
  col.syncWithOtherWriters();
  return { safetyBackup };
}
