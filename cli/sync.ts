import { MnemoError, openMnemo } from '../core/index.ts';
import type { SyncReport } from '../core/sync/run.ts';
import { runSync } from '../core/sync/run.ts';
import type { KindCounts, SettingChangeSeen } from '../core/sync/settings-report.ts';
import { initSync, syncStatus } from '../core/sync/setup.ts';
import { parse, UsageError } from './args.ts';

export const SYNC_HELP = `Usage: mnemo sync init DIR [--json] [--data DIR]
       mnemo sync [--json] [--data DIR]
       mnemo sync status [--json] [--data DIR]

Carries your review history between devices through a folder that Syncthing, Dropbox,
OneDrive, iCloud Drive, Nextcloud or a Git repository keeps in step. Each device writes only
its own files there (mnemo-sync/<device id>/); every device merges what the others wrote.

  init DIR   make DIR the sync folder: ids are written into your deck folders' cards (so
             every device names a card alike), the history so far is recorded, then a sync
  (none)     sync now: read and merge what other devices wrote, write this device's events
  status     the folder, the devices seen and when each last wrote, unreadable lines

Options:
  --json       print as JSON
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

const kinds = (c: KindCounts) => `${c.preset} preset, ${c.deck} deck, ${c.exam} exam, ${c.settings} settings`;

/** "settings dayStartHour=6 from 3f2a… (laptop) at 2026-11-02T09:00:00.000Z" */
export function describeChange(c: SettingChangeSeen): string {
  const what =
    c.kind === 'settings'
      ? `settings ${Object.entries(c.fields ?? {})
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')}`
      : `${c.kind} ${c.name === null ? c.object : JSON.stringify(c.name)}: ${
          c.fields === null ? 'deleted' : Object.keys(c.fields).join(', ')
        }`;
  const from = `${c.device}${c.deviceName ? ` (${c.deviceName})` : ''}`;
  return `${what} from ${from} at ${new Date(c.at).toISOString()}`;
}

function describe(r: SyncReport): string {
  const lines = [
    `Synced with ${r.folder} as device ${r.device}: ${r.in} events in, ${r.out} out, ${r.rederived} cards re-derived (${r.changed} changed).`,
    `Settings events in: ${kinds(r.settings.in)}; out: ${kinds(r.settings.out)}.`,
  ];
  if (r.settings.lastFromOthers)
    lines.push(`Last settings change from another device: ${describeChange(r.settings.lastFromOthers)}.`);
  if (r.waiting)
    lines.push(`${r.waiting} events wait for cards not in this collection (compile their deck files).`);
  if (r.newDeviceId)
    lines.push('This data folder was copied from another device: it now syncs under a new device id.');
  for (const p of r.problems.slice(0, 20)) lines.push(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  return lines.join('\n');
}

export function syncCommand(argv: string[], dataDir: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, true);
  if (values.help) {
    out(SYNC_HELP);
    return 0;
  }
  const [action, dir, ...extra] = positionals;
  if (
    extra.length > 0 ||
    (action === 'init') !== (dir !== undefined) ||
    !['init', 'status', undefined].includes(action)
  ) {
    throw new UsageError('expected "sync", "sync init DIR" or "sync status" (run "mnemo sync --help")');
  }
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir });
  try {
    if (action === 'status') {
      const status = syncStatus(mnemo.col);
      if (values.json) out(JSON.stringify(status));
      else if (!status.folder) out('Sync is not set up: run "mnemo sync init DIR".');
      else {
        out(
          `Sync folder: ${status.folder} (this device: ${status.device}, ${status.outbox} events to write)`,
        );
        for (const d of status.devices) {
          const when = d.lastAt === null ? 'nothing yet' : new Date(d.lastAt).toISOString();
          out(
            `  ${d.id}${d.self ? ' (this device)' : ''}${d.name ? ` ${d.name}` : ''}: last wrote ${when}${d.future ? ' — in the future: is its clock wrong?' : ''}`,
          );
        }
        const change = status.last?.settings?.lastFromOthers;
        if (change) out(`Last settings change from another device: ${describeChange(change)}.`);
        for (const p of status.problems) out(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
      }
      return 0;
    }
    if (action === undefined && !mnemo.col.settings().syncFolder) {
      throw new MnemoError('Conflict', 'sync is not set up: run "mnemo sync init DIR" with a synced folder');
    }
    const report = action === 'init' ? initSync(mnemo.col, dir!) : runSync(mnemo.col);
    if (values.json) out(JSON.stringify(report));
    else if (!report.error) out(describe(report));
    if (report.error) console.error(`mnemo: ${report.error}`);
    return report.error ? 1 : 0;
  } finally {
    mnemo.close();
  }
}
