import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { openMnemo } from '../../core/index.ts';
import { uuidv7 } from '../../core/review/uuid.ts';
import { encodeEvent } from '../../core/sync/events.ts';
import { ROOT } from '../../core/sync/folder.ts';
import { runSync } from '../../core/sync/run.ts';
import { syncStatus } from '../../core/sync/setup.ts';
import { tempDir } from '../helpers/collection.ts';
import {
  closedAfterEach,
  type Device,
  deliver,
  deliverAll,
  devicePair,
  makeDevice,
  segmentFiles,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const open = closedAfterEach();

const DAY = 86_400_000;

const pair = (cards?: number) => devicePair(open, cards);

const idOf = (d: Device) => d.mnemo.col.settings().syncDevice!.id;
const answer = (d: Device, n: number, rating: 1 | 2 | 3 | 4 = 3) =>
  d.mnemo.api.review.answer({ cardId: d.card(n), rating, durationMs: 4000 });

describe('sync: the faults it must survive', () => {
  it('two devices answering the same card offline both keep their answers and reach one state', () => {
    const { a, b } = pair();
    answer(a, 0, 3);
    b.clock.advance(60_000);
    answer(b, 0, 1);
    a.clock.advance(DAY);
    answer(a, 0, 3);
    expect(a.sync().out).toBe(2);
    expect(b.sync().out).toBe(1);
    deliverAll(a, b);
    deliverAll(b, a);
    expect(a.sync().in).toBe(1);
    expect(b.sync().in).toBe(2);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).log).toHaveLength(3);
    expect(snapshot(a).cards[0]).toMatchObject({ reps: 3 });
  });

  it('counts the same answer arriving twice once, and an undone answer nowhere', () => {
    const { a, b } = pair();
    answer(a, 1);
    answer(a, 2);
    a.mnemo.api.review.undo();
    a.sync();
    const [file] = segmentFiles(a.folder);
    deliver(a.folder, b.folder, file!);
    deliver(
      a.folder,
      b.folder,
      file!,
      undefined,
      file!.replace('.jsonl', ' (conflicted copy 2026-11-02).jsonl'),
    );
    const r = b.sync();
    expect(r.in).toBe(3); // two answers and the undo
    expect(snapshot(b).log).toHaveLength(1);
    expect(snapshot(b)).toEqual(snapshot(a));
    deliver(a.folder, b.folder, file!); // again, unchanged
    expect(b.sync().in).toBe(0);
  });

  it('waits for a torn last line, and takes files in any order, a segment missing for a while', () => {
    const { a, b } = pair();
    answer(a, 0);
    answer(a, 1);
    a.sync();
    a.clock.advance(DAY);
    answer(a, 2);
    a.clock.advance(DAY);
    a.sync();
    const files = segmentFiles(a.folder);
    expect(files).toHaveLength(2);
    const [day1, day2] = files as [string, string];
    // Day 2 first; day 1 half-synced, cut in the middle of its second line.
    deliver(a.folder, b.folder, day2);
    const text = readFileSync(join(a.folder, ROOT, day1), 'utf8');
    const cut = text.indexOf('\n') + 20;
    deliver(a.folder, b.folder, day1, cut);
    const first = b.sync();
    expect(first.in).toBe(2);
    expect(first.problems).toEqual([]);
    deliver(a.folder, b.folder, day1);
    expect(b.sync().in).toBe(1);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('reads a Syncthing conflict copy and deduplicates by event id', () => {
    const { a, b } = pair();
    answer(a, 0);
    a.sync();
    const [file] = segmentFiles(a.folder) as [string];
    // The copy holds the first answer and one the other version never got.
    answer(a, 1);
    a.sync();
    const full = readFileSync(join(a.folder, ROOT, file), 'utf8');
    const lines = full.trimEnd().split('\n');
    deliver(a.folder, b.folder, file, Buffer.byteLength(`${lines.slice(0, -1).join('\n')}\n`));
    const copy = file.replace('.jsonl', '.sync-conflict-20261102-101010-ABCDEFG.jsonl');
    mkdirSync(join(b.folder, ROOT, idOf(a)), { recursive: true });
    writeFileSync(join(b.folder, ROOT, copy), full);
    expect(b.sync().in).toBe(lines.length);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('finds the new events among many stored ones in their id range, and counts a copy of them once', () => {
    const { a, b } = pair(8);
    answer(a, 0);
    // b's own answers fall between a's two: stored on b, and in the id range of a's file.
    for (let i = 1; i <= 6; i++) {
      b.clock.advance(60_000);
      answer(b, i);
    }
    a.clock.advance(30 * 60_000);
    answer(a, 7);
    b.sync();
    a.sync();
    const [file] = segmentFiles(a.folder) as [string];
    deliver(a.folder, b.folder, file);
    expect(b.sync()).toMatchObject({ in: 2, rederived: 2 });
    // Nothing new in the copy: no card is re-derived either.
    deliver(a.folder, b.folder, file, undefined, file.replace('.jsonl', ' (conflicted copy).jsonl'));
    expect(b.sync()).toMatchObject({ in: 0, rederived: 0 });
    deliverAll(b, a);
    expect(a.sync().in).toBe(6);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(snapshot(b).log).toHaveLength(8);
  });

  it('orders by time whatever the clocks, and warns of a device hours in the future', () => {
    const { a, b } = pair();
    b.clock.advance(5 * 3600_000); // b's clock is five hours fast
    answer(b, 0, 1);
    a.clock.advance(60_000);
    answer(a, 0, 4);
    a.sync();
    b.sync();
    deliverAll(a, b);
    deliverAll(b, a);
    a.sync();
    b.sync();
    expect(snapshot(a)).toEqual(snapshot(b));
    // b's Again counts as the later answer (its time is later), on both devices.
    const last = snapshot(a).log.at(-1) as { rating: number };
    expect(last.rating).toBe(1);
    const seen = syncStatus(a.mnemo.col).devices.find((d) => d.id === idOf(b));
    expect(seen).toMatchObject({ future: true, self: false });
    expect(syncStatus(a.mnemo.col).devices.find((d) => d.self)?.future).toBe(false);
    // a, whose clock is behind b's answer, still answers the card; the next sync orders it.
    a.clock.advance(60_000);
    expect(() => answer(a, 0, 3)).not.toThrow();
    a.sync();
    deliverAll(a, b);
    b.sync();
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('skips a corrupt line, naming the file and line, and merges the rest', () => {
    const { a, b } = pair();
    for (const n of [0, 1, 2]) answer(a, n);
    a.sync();
    const [file] = segmentFiles(a.folder) as [string];
    const lines = readFileSync(join(a.folder, ROOT, file), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"r":3', '"r":4'); // checksum no longer matches
    mkdirSync(join(b.folder, ROOT, idOf(a)), { recursive: true });
    writeFileSync(join(b.folder, ROOT, file), lines.join('\n'));
    const r = b.sync();
    expect(r.in).toBe(2);
    expect(r.problems).toEqual([{ file, line: 2, message: 'checksum does not match' }]);
    expect(syncStatus(b.mnemo.col).problems).toEqual([{ file, line: 2, message: 'checksum does not match' }]);
    expect(snapshot(b).log).toHaveLength(2);
  });

  it('a missing sync folder is reported and reviewing goes on; the answers travel once it is back', () => {
    const { a, b } = pair();
    const moved = `${a.folder}-away`;
    renameSync(a.folder, moved);
    answer(a, 0);
    const r = a.sync();
    expect(r.error).toMatch(/sync folder .* does not exist/);
    expect(syncStatus(a.mnemo.col).outbox).toBe(1);
    writeFileSync(a.folder, 'not a folder');
    expect(a.sync().error).toMatch(/is not a folder/);
    rmSync(a.folder);
    renameSync(moved, a.folder);
    expect(a.sync()).toMatchObject({ error: null, out: 1 });
    deliverAll(a, b);
    expect(b.sync().in).toBe(1);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('a data folder copied to another machine or path takes a new device id', () => {
    const { a } = pair();
    answer(a, 0);
    a.sync();
    a.mnemo.close();
    const copy = tempDir();
    cpSync(join(a.mnemo.dataDir), copy, { recursive: true });
    const c = openMnemo({ dataDir: copy });
    try {
      const before = c.col.settings().syncDevice!.id;
      const r = runSync(c.col);
      expect(r.newDeviceId).toBe(true);
      expect(r.device).not.toBe(before);
    } finally {
      c.close();
    }
  });

  it('events under this device id that it never made (a clone at the same path) give it a new id', () => {
    const { a } = pair();
    answer(a, 0);
    a.sync();
    const own = idOf(a);
    const at = a.clock.now;
    const line = encodeEvent({
      id: uuidv7(at),
      dev: own,
      at,
      card: 'card3/0',
      type: 'answer',
      rating: 3,
      ms: 1,
    });
    writeFileSync(join(a.folder, ROOT, own, '2026-11-02.sync-conflict-20261102-1-XYZ.jsonl'), line);
    const r = a.sync();
    expect(r.newDeviceId).toBe(true);
    expect(idOf(a)).not.toBe(own);
    expect(snapshot(a).log).toHaveLength(2); // the clone's answer is kept too
  });

  it('events for a card compiled later wait, then give it its history', () => {
    const { a } = pair();
    answer(a, 4);
    answer(a, 4);
    a.sync();
    const decksB = writeDeck(tempDir(), 2); // b's copy of the deck file lacks card 4 yet
    const b = makeDevice(decksB, join(tempDir(), 'b'));
    open.push(b);
    deliverAll(a, b);
    expect(b.sync()).toMatchObject({ in: 2, waiting: 2 });
    writeDeck(decksB, 5);
    compileDecks(b.mnemo.col, [decksB]);
    expect(b.sync()).toMatchObject({ waiting: 0, rederived: 1 });
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('suspend, flag, reset and reposition travel; undo of a suspension too', () => {
    const { a, b } = pair();
    answer(a, 0);
    a.mnemo.api.cards.suspend({ cardIds: [a.card(1), a.card(2)] });
    a.mnemo.api.review.undo();
    a.mnemo.api.cards.suspend({ cardIds: [a.card(3)] });
    a.mnemo.api.cards.flag({ cardIds: [a.card(0)], flag: 2 });
    a.mnemo.api.cards.reset({ cardIds: [a.card(0)] });
    a.mnemo.api.cards.reposition({ cardIds: [a.card(4)], start: 0 });
    a.sync();
    deliverAll(a, b);
    b.sync();
    expect(snapshot(b)).toEqual(snapshot(a));
    const suspended = (d: Device) =>
      d.mnemo.col.stmt('SELECT count(*) FROM cards WHERE suspended = 1').pluck().get();
    expect(suspended(b)).toBe(1);
    expect(b.mnemo.col.card(b.card(4))!.new_position).toBe(0);
  });

  it('mnemo sync init DIR and mnemo sync --json say what was merged', async () => {
    const decks = writeDeck(tempDir(), 3);
    const folder = tempDir();
    const a = makeDevice(decks, join(folder, 'x'));
    open.push(a);
    answer(a, 0);
    a.sync();
    const data = tempDir();
    const lines: string[] = [];
    const out = (s: string) => lines.push(s);
    expect(await main(['decks', 'add', decks, '--data', data], out)).toBe(0);
    expect(await main(['compile', decks, '--data', data], out)).toBe(0);
    const b = join(folder, 'x'); // the same folder: a carried it here
    expect(await main(['sync', 'init', b, '--data', data], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/1 events in, 0 out, 1 cards re-derived/);
    expect(await main(['sync', '--json', '--data', data], out)).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ in: 0, out: 0, error: null });
    expect(readdirSync(join(b, ROOT))).toHaveLength(1);
  });
});
