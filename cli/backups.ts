import { statSync } from 'node:fs';
import { defaultDataDir, openMnemo } from '../core/index.ts';
import { backupTakenAt, createBackup, listBackupsOf } from '../core/store/backup.ts';
import { acquireInstanceLock } from '../core/store/instance-lock.ts';
import { quickCheckFile } from '../core/store/integrity.ts';
import { collectionPath } from '../core/store/paths.ts';
import { restoreBackup } from '../core/store/restore.ts';
import { parse, UsageError } from './args.ts';

export const BACKUPS_HELP = `Usage: mnemo backup [list] [--json] [--data DIR]
       mnemo backup create [--data DIR]
       mnemo backup restore [FILE] [--data DIR]

The app backs the collection up into backups/ beside it: once per study day when it starts,
at most every 30 minutes while you review, and when it closes after reviews. It keeps the
newest backup of each of the last 14 study days and every backup of the last 24 hours (up
to 48). A damaged collection is never backed up. ("mnemo backups" is the same command.)

  list            every backup, newest first, with whether it checks sound (SQLite quick_check)
  create          takes a backup now (the app may be open)
  restore [FILE]  replaces the collection with FILE (default: the newest sound backup); the
                  replaced collection is kept beside it as collection.sqlite.replaced-<time>.
                  Quit the app first: restore refuses while it has the collection open (the
                  app's Settings → Backups can restore while it runs). A backup written by a
                  newer Mnemo is refused.

Options:
  --json       list as JSON: [{file, takenAt, bytes, sound, problem}]
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

export async function backups(
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
): Promise<number> {
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
  if (action === 'create' && file === undefined) {
    const mnemo = openMnemo({ dataDir: dir });
    try {
      out(`Backed up to ${await createBackup(mnemo.col)}`);
      return 0;
    } finally {
      mnemo.close();
    }
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
  throw new UsageError(`unknown backup action "${positionals.join(' ')}" (run "mnemo backup --help")`);
}
