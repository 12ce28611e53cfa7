/**
 * Restoring a backup: the chosen copy (by default the newest that checks sound) replaces
 * the collection, and the file it replaces is set aside beside it, never deleted, so a
 * restore can itself be undone by hand. The caller holds the instance lock: no app has
 * the collection open.
 */
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { MnemoError } from '../errors.ts';
import { newestGoodBackup } from './backup.ts';
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
