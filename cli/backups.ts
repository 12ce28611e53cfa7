import { statSync } from 'node:fs';
import { defaultDataDir } from '../core/index.ts';
import { backupTakenAt, listBackupsOf } from '../core/store/backup.ts';
import { acquireInstanceLock } from '../core/store/instance-lock.ts';
import { quickCheckFile } from '../core/store/integrity.ts';
import { collectionPath } from '../core/store/paths.ts';
import { restoreBackup } from '../core/store/restore.ts';
import { parse, UsageError } from './args.ts';

export const BACKUPS_HELP = `Usage: mnemo backups [list] [--json] [--data DIR]
       mnemo backups restore [FILE] [--data DIR]

The app takes a backup of the collection once per study day (when it starts, and every hour
while it runs) into backups/ beside the collection, and keeps the newest 14. A damaged
collection is never backed up.

  list            every backup, newest first, with whether it checks sound (SQLite quick_check)
  restore [FILE]  replaces the collection with FILE (default: the newest sound backup); the
                  replaced collection is kept beside it as collection.sqlite.replaced-<time>.
                  Quit the app first: restore refuses while it has the collection open.

Options:
  --json       list as JSON: [{file, takenAt, bytes, sound, problem}]
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

export function backups(argv: string[], dataDir: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, true);
  if (values.help) {
    out(BACKUPS_HELP);
    return 0;
  }
  const [action = 'list', file, ...extra] = positionals;
  const dir = values.data ?? dataDir ?? defaultDataDir();
  const path = collectionPath(dir);
  if (action === 'list' && file === undefined) {
    const rows = listBackupsOf(path).map((f) => {
      const problems = quickCheckFile(f);
      return {
        file: f,
        takenAt: backupTakenAt(f),
        bytes: statSync(f).size,
        sound: problems.length === 0,
        problem: problems[0] ?? null,
      };
    });
    if (values.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out(`No backups yet in ${dir}/backups.`);
    else {
      for (const r of rows) {
        const when = r.takenAt ? new Date(r.takenAt).toLocaleString() : '?';
        const size = `${(r.bytes / 1024).toFixed(0)} KiB`;
        out(`${r.file}  ${when}  ${size}  ${r.sound ? 'sound' : `DAMAGED: ${r.problem}`}`);
      }
    }
    return 0;
  }
  if (action === 'restore' && extra.length === 0) {
    const lock = acquireInstanceLock(dir, 'mnemo backups restore');
    try {
      const r = restoreBackup(path, file);
      out(`Restored ${r.restored} as ${path}.`);
      if (r.setAside) out(`The replaced collection is kept as ${r.setAside}.`);
      return 0;
    } finally {
      lock.release();
    }
  }
  throw new UsageError(`unknown backups action "${positionals.join(' ')}" (run "mnemo backups --help")`);
}
