/** Simulated devices for the sync tests: real collections in temp dirs, each with its own clock and sync folder. */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { addDeckFolder } from '../../core/compiler/deck-folders.ts';
import { collectionPath, type Mnemo, openMnemo } from '../../core/index.ts';
import { ROOT } from '../../core/sync/folder.ts';
import { runSync, type SyncReport } from '../../core/sync/run.ts';
import { initSync } from '../../core/sync/setup.ts';
import { TestClock, tempDir } from './collection.ts';

export const START = Date.parse('2026-11-02T09:00:00Z');

/** A deck file of `n` basic cards, each with its id written in the file. */
export function writeDeck(dir: string, n: number, name = 'sync.md'): string {
  const lines = ['---', 'deck: Sync', '---', ''];
  for (let i = 0; i < n; i++) lines.push(`Question ${i}?::Answer ${i} ^id-card${i}`, '');
  writeFileSync(join(dir, name), lines.join('\n'));
  return dir;
}

export interface Device {
  mnemo: Mnemo;
  clock: TestClock;
  /** This device's copy of the sync folder. */
  folder: string;
  sync(): SyncReport;
  /** The card id of the deck's n-th card. */
  card(n: number): number;
  /** The card id of the note whose deck-file id is `source` (the `^id-…`; its first card). */
  bySource(source: string): number;
}

/** A collection with the deck folder registered and compiled, closed: `makeDevice` copies it. */
export function deckTemplate(decks: string, dir = tempDir(), start = START): string {
  const mnemo = openMnemo({ dataDir: dir, clock: () => start });
  addDeckFolder(mnemo.col, decks);
  compileDecks(mnemo.col, [decks]);
  mnemo.close();
  return dir;
}

/**
 * A device with its own data dir and clock, the deck folder compiled in (or copied from a
 * template collection, much faster), sync set up on `folder`.
 */
export function makeDevice(
  decks: string,
  folder: string,
  start = START,
  template?: string,
  dataDir = tempDir(),
): Device {
  const clock = new TestClock(start);
  if (template) copyFileSync(collectionPath(template), collectionPath(dataDir));
  const mnemo = openMnemo({ dataDir, clock: clock.read });
  if (!template) {
    addDeckFolder(mnemo.col, decks);
    compileDecks(mnemo.col, [decks]);
  }
  mkdirSync(folder, { recursive: true });
  initSync(mnemo.col, folder);
  const bySource = (source: string) =>
    mnemo.col
      .stmt('SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.source_id = ? AND c.ord = 0')
      .pluck()
      .get(source) as number;
  return {
    mnemo,
    clock,
    folder,
    sync: () => runSync(mnemo.col),
    card: (n) => bySource(`card${n}`),
    bySource,
  };
}

/** The kept summaries (migration 7's tables), without rows counting nothing (a recount leaves none). */
export function keptSummaries(m: Mnemo) {
  const q = (sql: string) => m.col.db.prepare(sql).raw().all();
  return {
    review_buckets: q('SELECT * FROM review_buckets WHERE reviews <> 0 ORDER BY bucket'),
    deck_done: q('SELECT * FROM deck_done WHERE new <> 0 OR review <> 0 ORDER BY deck_id, bucket'),
    due_counts: q('SELECT * FROM due_counts WHERE cards <> 0 ORDER BY bucket'),
    deck_totals: q('SELECT * FROM deck_totals WHERE cards <> 0 ORDER BY deck_id'),
  };
}

/** Every segment file (relative path) under a sync folder. */
export function segmentFiles(folder: string): string[] {
  const root = join(folder, ROOT);
  const out: string[] = [];
  if (!existsSync(root)) return out;
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(root, d.name))) if (f.endsWith('.jsonl')) out.push(`${d.name}/${f}`);
  }
  return out.sort();
}

/** Copies one file from one device's folder to another's, as a sync tool would (optionally only a prefix). */
export function deliver(from: string, to: string, rel: string, bytes?: number, as = rel): void {
  const text = readFileSync(join(from, ROOT, rel));
  const target = join(to, ROOT, as);
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, bytes === undefined ? text : text.subarray(0, bytes));
}

/** Copies everything one device wrote into another's folder. */
export function deliverAll(from: Device, to: Device): void {
  const dev = from.mnemo.col.settings().syncDevice!.id;
  cpSync(join(from.folder, ROOT, dev), join(to.folder, ROOT, dev), { recursive: true });
}

/** What must agree across devices: each card's scheduling and the review log, by stable identity. */
export function snapshot(d: Device) {
  const cards = d.mnemo.col
    .stmt(
      `SELECT n.source_id || '/' || c.ord AS key, c.state, c.due, c.stability, c.difficulty, c.reps, c.lapses,
       c.suspended, c.flag, c.new_position FROM cards c JOIN notes n ON n.id = c.note_id ORDER BY key`,
    )
    .all();
  const log = d.mnemo.col
    .stmt(
      `SELECT r.id, n.source_id || '/' || c.ord AS key, r.rating, r.kind, r.reviewed_at, r.duration_ms, r.before, r.after
       FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id ORDER BY r.id`,
    )
    .all();
  return { cards, log };
}

/**
 * Numbered scratch folders under one temporary folder (in /dev/shm where there is one: real
 * SQLite files, in memory), removed after the test file. Call at a test file's top level.
 */
export function scratchDirs(prefix: string): () => string {
  const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let dirs = 0;
  return () => {
    const d = join(base, String(dirs++));
    mkdirSync(d);
    return d;
  };
}

/**
 * Two devices on one deck file of `cards` cards, each with its own sync folder under one root
 * (files travel between them with `deliver`), pushed to `open` to be closed after the test.
 */
export function devicePair(open: Device[], cards = 5): { a: Device; b: Device; decks: string } {
  const decks = writeDeck(tempDir(), cards);
  const root = tempDir();
  const a = makeDevice(decks, join(root, 'a'));
  const b = makeDevice(decks, join(root, 'b'));
  open.push(a, b);
  return { a, b, decks };
}

/** A list to push a test's devices to: each one still open is closed after the test. */
export function closedAfterEach(): Device[] {
  const open: Device[] = [];
  afterEach(() => {
    for (const d of open.splice(0)) if (d.mnemo.col.db.open) d.mnemo.close();
  });
  return open;
}
