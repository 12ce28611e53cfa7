/** The `backups` group of the service API: what Settings lists, "Back up now" and Restore. */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { notFound } from '../errors.ts';
import { backupDir, backupTakenAt, createBackup, listBackups } from '../store/backup.ts';
import type { Collection } from '../store/collection.ts';
import { restoreIntoOpen } from '../store/restore.ts';
import { method, noArgs } from './define.ts';

/** A backup is named by its file name in the backups folder, never by a path. */
const backupName = z.string().regex(/^collection-\d{8}-\d{4,6}\.sqlite$/, 'not a backup name');

export function backupsApi(col: Collection) {
  const view = (file: string) => ({
    name: basename(file),
    takenAt: backupTakenAt(file)!,
    bytes: statSync(file).size,
  });
  return {
    /** The backups, newest first. */
    list: method(noArgs, () => listBackups(col).map(view)),
    /** Takes a backup now (refused, with the reason, when the collection is damaged). */
    create: method(noArgs, async () => view(await createBackup(col))),
    /** Restores a backup in place, after backing up the current collection. */
    restore: method(z.strictObject({ name: backupName }), async (a) => {
      const file = join(backupDir(col), a.name);
      if (!listBackups(col).includes(file)) throw notFound(`no backup named ${a.name}`);
      const { safetyBackup } = await restoreIntoOpen(col, file);
      return { restored: a.name, safetyBackup: basename(safetyBackup) };
    }),
  };
}
