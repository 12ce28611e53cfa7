/**
 * Reads what is new in the sync folder: for each device's file, the whole lines past what
 * was read last time (the watermark in `sync_files`). A file that has not grown is not
 * opened, so a sync with nothing new costs a directory listing and a stat a file. Conflict
 * copies that sync tools make (`*.sync-conflict-*`, "conflicted copy") are read like any
 * other file: every event counts once, by its id.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prestartReplayThread } from '../import/replay/thread.ts';
import type { Collection } from '../store/collection.ts';
import { decodeEvent, type SyncEvent } from './events.ts';
import { ROOT } from './folder.ts';
import { decodeSetting, type SettingEvent } from './settings-events.ts';

export interface FileProblem {
  file: string;
  line?: number;
  message: string;
}

export interface FileMark {
  path: string;
  size: number;
  offset: number;
  lines: number;
  dev: string;
  last_at: number | null;
  errors: string;
}

export interface ReadOutcome {
  events: SyncEvent[];
  /** Changes to presets, decks' presets and exams (settings-events.ts). */
  settings: SettingEvent[];
  marks: FileMark[];
  problems: FileProblem[];
}

const MAX_ERRORS_PER_FILE = 20;

function readFrom(file: string, offset: number, size: number): Buffer {
  const buf = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** A segment file, what was read of it before and its size now. */
interface Segment {
  dev: string;
  name: string;
  mark: FileMark | undefined;
  size: number;
}

/** The segment with its size, or null when it cannot be read (the problem noted). */
function statSegment(
  folder: string,
  dev: string,
  name: string,
  mark: FileMark | undefined,
  out: ReadOutcome,
): Segment | null {
  try {
    return { dev, name, mark, size: statSync(join(folder, ROOT, dev, name)).size };
  } catch (e) {
    out.problems.push({
      file: `${dev}/${name}`,
      message: `cannot be read (${(e as NodeJS.ErrnoException).code})`,
    });
    return null;
  }
}

/** Bytes not read yet of a file (all of it when it was replaced by a shorter one). */
const unread = ({ mark, size }: Segment) => (!mark ? size : size < mark.offset ? size : size - mark.offset);

/**
 * From this many unread bytes (some 2,000 events: merge.ts's WORKER_FROM cards at most), the
 * replay worker is started before the files are read, so that it has loaded by the time the
 * merge takes it. Started at the merge, its loading took a core from the merging thread while
 * that read the cards' identities: 0.23–0.35 s of wall time for that step in the
 * 100,000-event merge, against 0.18–0.20 s started here.
 */
const PRESTART_BYTES = 200_000;

function readFile(folder: string, { dev, name, mark, size }: Segment, out: ReadOutcome) {
  const rel = `${dev}/${name}`;
  const file = join(folder, ROOT, dev, name);
  if (mark && mark.size === size) return;
  // A file shorter than what was read was replaced: read it again from the start (events count once).
  const fresh = !mark || size < mark.offset;
  const offset = fresh ? 0 : mark.offset;
  let lines = fresh ? 0 : mark.lines;
  const errors: FileProblem[] = fresh ? [] : (JSON.parse(mark.errors) as FileProblem[]);
  let lastAt = fresh ? null : mark.last_at;
  let buf: Buffer;
  try {
    buf = readFrom(file, offset, size);
  } catch (e) {
    out.problems.push({ file: rel, message: `cannot be read (${(e as NodeJS.ErrnoException).code})` });
    return;
  }
  // Only whole lines: a last line without its newline is still being written or synced.
  const end = buf.lastIndexOf(10);
  const whole = end < 0 ? '' : buf.subarray(0, end).toString('utf8');
  if (end >= 0) {
    for (const line of whole.split('\n')) {
      lines++;
      if (line.trim() === '') continue;
      const e = decodeEvent(line);
      // Not a card event: perhaps a settings event (read only then, card events being most lines).
      const setting = typeof e === 'string' ? decodeSetting(line) : null;
      if (setting !== null && typeof setting !== 'string') {
        out.settings.push(setting);
        if (lastAt === null || setting.at > lastAt) lastAt = setting.at;
        continue;
      }
      if (typeof e === 'string') {
        const problem = { file: rel, line: lines, message: setting ?? e };
        out.problems.push(problem);
        if (errors.length < MAX_ERRORS_PER_FILE) errors.push(problem);
        continue;
      }
      out.events.push(e);
      if (lastAt === null || e.at > lastAt) lastAt = e.at;
    }
  }
  out.marks.push({
    path: rel,
    size,
    offset: offset + end + 1,
    lines,
    dev,
    last_at: lastAt,
    errors: JSON.stringify(errors),
  });
}

export function readNew(col: Collection, folder: string): ReadOutcome {
  const out: ReadOutcome = { events: [], settings: [], marks: [], problems: [] };
  const root = join(folder, ROOT);
  if (!existsSync(root)) return out;
  const marks = new Map((col.stmt('SELECT * FROM sync_files').all() as FileMark[]).map((m) => [m.path, m]));
  const segments: Segment[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue;
    let names: string[];
    try {
      names = readdirSync(join(root, d.name));
    } catch (e) {
      out.problems.push({ file: d.name, message: `cannot be read (${(e as NodeJS.ErrnoException).code})` });
      continue;
    }
    for (const name of names.sort()) {
      if (!name.endsWith('.jsonl') || name.startsWith('.')) continue;
      const segment = statSegment(folder, d.name, name, marks.get(`${d.name}/${name}`), out);
      if (segment) segments.push(segment);
    }
  }
  if (segments.reduce((sum, s) => sum + unread(s), 0) >= PRESTART_BYTES) prestartReplayThread();
  for (const segment of segments) readFile(folder, segment, out);
  return out;
}
