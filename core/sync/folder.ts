/**
 * The sync folder's layout: `mnemo-sync/<device id>/` holds one device's files, written by
 * that device only — `device.json` (its name) and a segment a UTC day, `YYYY-MM-DD.jsonl`,
 * appended to during that day and never changed after it.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MnemoError } from '../errors.ts';
import type { Collection } from '../store/collection.ts';
import { encodeEvent, type SyncEvent } from './events.ts';
import { settingsOutbox } from './settings-outbox.ts';
import type { KindCounts } from './settings-report.ts';

export const ROOT = 'mnemo-sync';

/** The name a device gave itself in its `device.json` (its host name), if it can be read. */
export function deviceName(folder: string, id: string): string | null {
  try {
    const info = JSON.parse(readFileSync(join(folder, ROOT, id, 'device.json'), 'utf8')) as {
      name?: unknown;
    };
    return typeof info.name === 'string' ? info.name.slice(0, 100) : null;
  } catch {
    return null;
  }
}

export const segmentName = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}.jsonl`;

/** The sync folder must exist and be a folder we can write: else a clear message, nothing else fails. */
export function checkFolder(folder: string): void {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MnemoError(
      'NotFound',
      code === 'ENOENT'
        ? `the sync folder ${folder} does not exist (is its drive mounted, or was it moved?): nothing was synced; reviewing goes on and your answers wait in the collection`
        : `the sync folder ${folder} cannot be read (${code}): nothing was synced; your answers wait in the collection`,
    );
  }
  if (!isDir) throw new MnemoError('Conflict', `the sync folder ${folder} is not a folder`);
}

/** True when the file's last byte is not a newline: a write that was cut off. */
function endsTorn(file: string): boolean {
  const size = statSync(file).size;
  if (size === 0) return false;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0] !== 10;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends this device's outbox to today's segment and syncs it to disk; returns how many
 * events were written, and of them how many settings events of each kind. The caller marks them written afterwards: a crash in between writes
 * them again next time, and readers count each event id once.
 */
export function appendOutbox(
  col: Collection,
  folder: string,
  dev: string,
  now: number,
): { written: number; settings: KindCounts } {
  // Events recorded meanwhile (the app answering while the CLI syncs) get higher rowids: only
  // those up to here are marked written below.
  const upTo = col.stmt('SELECT max(rowid) FROM sync_events').pluck().get() as number;
  const rows = col
    .stmt('SELECT * FROM sync_events WHERE outbox = 1 AND rowid <= ? ORDER BY dev, n, id')
    .all(upTo) as (SyncEvent & {
    outbox: number;
    merged: number;
  })[];
  const settings = settingsOutbox(col);
  if (rows.length === 0 && settings.lines.length === 0) return { written: 0, settings: settings.kinds };
  const dir = join(folder, ROOT, dev);
  mkdirSync(dir, { recursive: true });
  const info = join(dir, 'device.json');
  if (!existsSync(info)) {
    writeFileSync(info, `${JSON.stringify({ id: dev, name: hostname(), since: now })}\n`);
  }
  const file = join(dir, segmentName(now));
  // A line cut off by a crash is ended first, so the new lines are not glued to it.
  let text = (existsSync(file) && endsTorn(file) ? '\n' : '') + settings.lines.join('');
  const fd = openSync(file, 'a');
  try {
    // In pieces: setting sync up on a long history writes a million lines.
    for (let i = 0; i < rows.length; i++) {
      text += encodeEvent(rows[i]!);
      if (text.length > 1 << 20 || i === rows.length - 1) {
        writeSync(fd, text);
        text = '';
      }
    }
    if (text !== '') writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  col.tx(() => {
    col.stmt('UPDATE sync_events SET outbox = 0 WHERE outbox = 1 AND rowid <= ?').run(upTo);
    settings.written();
  });
  return { written: rows.length + settings.lines.length, settings: settings.kinds };
}
