import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { exportTo } from '../../core/export/index.ts';
import { runImport } from '../../core/import/index.ts';
import { openMnemo } from '../../core/index.ts';
import { uuidv7 } from '../../core/review/uuid.ts';
import { ROOT } from '../../core/sync/folder.ts';
import { encodeSetting } from '../../core/sync/settings-events.ts';
import { syncStatus } from '../../core/sync/setup.ts';
import { tempDir } from '../helpers/collection.ts';
import { richCollection } from '../helpers/rich-collection.ts';
import {
  closedAfterEach,
  type Device,
  deckTemplate,
  deliver,
  deliverAll,
  makeDevice,
  START,
  segmentFiles,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const open = closedAfterEach();

const DAY = 86_400_000;
const MIN = 60_000;

function devices(n: number, cards = 5) {
  const decks = writeDeck(tempDir(), cards);
  const template = deckTemplate(decks);
  const root = tempDir();
  const out = Array.from({ length: n }, (_, i) => makeDevice(decks, join(root, String(i)), START, template));
  open.push(...out);
  return out;
}

/** Each device syncs, gets every other device's files, and syncs again (clocks as they are). */
function swap(...ds: Device[]) {
  for (const d of ds) d.sync();
  for (const from of ds)
    for (const to of ds)
      if (from !== to && existsSync(join(from.folder, ROOT, idOf(from)))) deliverAll(from, to);
  for (const d of ds) d.sync();
}

/** As `swap`, a while later: every clock has caught up with the one furthest ahead. */
function exchange(...ds: Device[]) {
  const now = Math.max(...ds.map((d) => d.clock.now));
  for (const d of ds) d.clock.now = now;
  swap(...ds);
}

/** What must agree across devices: presets, decks' presets and exams, by their shared identities. */
function settingsOf(d: Device) {
  const col = d.mnemo.col;
  const presets = (col.stmt('SELECT * FROM presets ORDER BY sync_id').all() as Record<string, unknown>[]).map(
    ({ id: _i, modified_at: _m, fsrs_weights_previous: _p, ...p }) => p,
  );
  const decks = col
    .stmt(
      'SELECT d.name, p.sync_id AS preset FROM decks d JOIN presets p ON p.id = d.preset_id ORDER BY d.name',
    )
    .all();
  const exams = (
    col.stmt('SELECT * FROM exams ORDER BY uuid').all() as (Record<string, unknown> & { id: number })[]
  ).map(({ id, created_at: _c, modified_at: _m, ...e }) => ({
    ...e,
    decks: (
      col
        .stmt('SELECT d.name FROM exam_decks x JOIN decks d ON d.id = x.deck_id WHERE x.exam_id = ?')
        .pluck()
        .all(id) as string[]
    ).sort(),
  }));
  return { presets, decks, exams };
}

const preset = (d: Device, name = 'Default') => d.mnemo.api.presets.list().find((p) => p.name === name);
const deckId = (d: Device, name = 'Sync') => d.mnemo.api.decks.list().decks.find((x) => x.name === name)!.id;

describe('sync: preset and exam changes travel', () => {
  it('a preset edit, a new preset and a deck given it on A reach B', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, desiredRetention: 0.85, learningSteps: '2m 15m' });
    const exam = a.mnemo.api.presets.create({ name: 'Exam cram', newPerDay: 50, fsrsWeights: null });
    a.mnemo.api.decks.setPreset({ deckId: deckId(a), presetId: exam.id });
    expect(syncStatus(a.mnemo.col).outbox).toBe(3);
    expect(a.sync().out).toBe(3);
    deliverAll(a, b);
    b.clock.now = a.clock.now;
    expect(b.sync().in).toBe(3);
    expect(preset(b)).toMatchObject({ desiredRetention: 0.85, learningSteps: '2m 15m' });
    const cram = preset(b, 'Exam cram')!;
    expect(cram).toMatchObject({ newPerDay: 50 });
    expect(b.mnemo.api.decks.list().decks.find((d) => d.name === 'Sync')!.presetId).toBe(cram.id);
    expect(settingsOf(b)).toEqual(settingsOf(a));
  });

  it('concurrent edits of different fields on A and B both survive', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, desiredRetention: 0.8 });
    b.clock.advance(2 * MIN);
    b.mnemo.api.presets.update({ presetId: 1, newPerDay: 5, enableFuzz: false });
    exchange(a, b);
    for (const d of [a, b]) {
      expect(preset(d)).toMatchObject({ desiredRetention: 0.8, newPerDay: 5, enableFuzz: false });
    }
    expect(settingsOf(a)).toEqual(settingsOf(b));
  });

  it('concurrent edits of one field end the same on every device, whatever order the files arrive in', () => {
    const [a, b, c, d] = devices(4) as [Device, Device, Device, Device];
    a.clock.advance(2 * MIN);
    a.mnemo.api.presets.update({ presetId: 1, desiredRetention: 0.8, maximumInterval: 300 });
    b.clock.advance(MIN); // earlier than a's, though it reaches the others later
    b.mnemo.api.presets.update({ presetId: 1, desiredRetention: 0.95 });
    b.clock.advance(2 * MIN);
    b.mnemo.api.presets.update({ presetId: 1, maximumInterval: 500 });
    a.sync();
    b.sync();
    for (const x of [a, b, c, d]) x.clock.now = b.clock.now; // the furthest ahead
    // c gets a's file first, d gets b's first; each syncs in between.
    deliverAll(a, c);
    c.sync();
    deliverAll(b, c);
    c.sync();
    deliverAll(b, d);
    d.sync();
    deliverAll(a, d);
    d.sync();
    deliverAll(a, b);
    b.sync();
    deliverAll(b, a);
    a.sync();
    for (const x of [a, b, c, d])
      expect(preset(x)).toMatchObject({ desiredRetention: 0.8, maximumInterval: 500 });
    expect(settingsOf(b)).toEqual(settingsOf(a));
    expect(settingsOf(c)).toEqual(settingsOf(a));
    expect(settingsOf(d)).toEqual(settingsOf(a));
  });

  it('two edits of one field in the same millisecond on two devices resolve alike on both', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.mnemo.api.presets.update({ presetId: 1, newPerDay: 11 });
    b.mnemo.api.presets.update({ presetId: 1, newPerDay: 22 });
    exchange(a, b);
    // The same time: the device id decides, the same way on both.
    const winner = [a, b].sort((x, y) => (idOf(x) < idOf(y) ? 1 : -1))[0]!;
    const expected = winner === a ? 11 : 22;
    expect(preset(a)!.newPerDay).toBe(expected);
    expect(preset(b)!.newPerDay).toBe(expected);
  });

  it('an exam made on A reaches B with its scope and date, is edited on B, deleted on A: gone on both', () => {
    const [a, b] = devices(2) as [Device, Device];
    const made = a.mnemo.api.exams.create({
      name: 'Docker cert',
      examAt: START + 30 * DAY,
      deckIds: [deckId(a)],
      target: 0.85,
      budgetKind: 'minutes',
      budget: 30,
    });
    exchange(a, b);
    const [onB] = b.mnemo.api.exams.list();
    expect(onB).toMatchObject({
      name: 'Docker cert',
      examAt: START + 30 * DAY,
      deckIds: [deckId(b)],
      target: 0.85,
      budgetKind: 'minutes',
      budget: 30,
    });
    b.clock.advance(MIN);
    b.mnemo.api.exams.update({ examId: onB!.id, examAt: START + 40 * DAY, target: 0.9 });
    exchange(a, b);
    expect(a.mnemo.api.exams.get({ examId: made.id })).toMatchObject({
      examAt: START + 40 * DAY,
      target: 0.9,
      name: 'Docker cert',
      deckIds: [deckId(a)],
    });
    expect(settingsOf(a)).toEqual(settingsOf(b));
    a.clock.advance(2 * MIN);
    a.mnemo.api.exams.delete({ examId: made.id });
    exchange(a, b);
    expect(a.mnemo.api.exams.list()).toEqual([]);
    expect(b.mnemo.api.exams.list()).toEqual([]);
  });

  it('a deletion wins over edits made elsewhere before or after it; decks left on it get the default', () => {
    const [a, b] = devices(2) as [Device, Device];
    const fast = a.mnemo.api.presets.create({ name: 'Fast' });
    exchange(a, b);
    const onB = preset(b, 'Fast')!;
    b.clock.advance(MIN);
    b.mnemo.api.presets.update({ presetId: onB.id, newPerDay: 99 }); // before the deletion
    a.clock.advance(2 * MIN);
    a.mnemo.api.presets.delete({ presetId: fast.id });
    b.clock.advance(2 * MIN);
    b.mnemo.api.presets.rename({ presetId: onB.id, name: 'Faster' }); // after it, not having seen it
    b.mnemo.api.decks.setPreset({ deckId: deckId(b), presetId: onB.id });
    exchange(a, b);
    for (const d of [a, b]) {
      expect(d.mnemo.api.presets.list().map((p) => p.name)).toEqual(['Default']);
      expect(d.mnemo.api.decks.list().decks.find((x) => x.name === 'Sync')!.presetId).toBe(1);
    }
    expect(settingsOf(a)).toEqual(settingsOf(b));
  });

  it('two presets made apart with one name keep it on one and a suffix on the other, alike on both', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.create({ name: 'Exam prep', newPerDay: 1 });
    b.clock.advance(2 * MIN);
    b.mnemo.api.presets.create({ name: 'Exam prep', newPerDay: 2 });
    exchange(a, b);
    expect(settingsOf(a)).toEqual(settingsOf(b));
    const names = a.mnemo.api.presets.list().map((p) => `${p.name}=${p.newPerDay}`);
    expect(names).toHaveLength(3);
    expect(names).toContain('Exam prep=1'); // a's took the name first
    expect(names.find((n) => n.endsWith('=2'))).toMatch(/^Exam prep \([0-9a-f]{4}\)=2$/);
  });

  it('a preset change re-schedules nothing already scheduled; the next answer on B uses it', () => {
    const [a, b] = devices(2) as [Device, Device];
    b.mnemo.api.review.answer({ cardId: b.card(0), rating: 4, durationMs: 3000 });
    expect(b.mnemo.col.card(b.card(0))!.scheduled_days).toBeGreaterThan(1);
    b.sync();
    const before = snapshot(b);
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, maximumInterval: 1 });
    exchange(a, b);
    expect(preset(b)!.maximumInterval).toBe(1);
    const after = snapshot(b);
    expect(after.cards).toEqual(before.cards); // every card row as it was
    expect(after.log).toEqual(snapshot(a).log);
    b.clock.advance(MIN);
    b.mnemo.api.review.answer({ cardId: b.card(1), rating: 4, durationMs: 3000 });
    expect(b.mnemo.col.card(b.card(1))!.scheduled_days).toBe(1);
    expect(b.mnemo.col.card(b.card(0))!.scheduled_days).toBeGreaterThan(1);
  });

  it('an answer made elsewhere after a change it had not seen yet is re-derived under it, alike on both', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, maximumInterval: 1 });
    b.clock.advance(2 * MIN); // after a's change, under the old preset
    b.mnemo.api.review.answer({ cardId: b.card(2), rating: 4, durationMs: 3000 });
    expect(b.mnemo.col.card(b.card(2))!.scheduled_days).toBeGreaterThan(1);
    exchange(a, b);
    expect(b.mnemo.col.card(b.card(2))!.scheduled_days).toBe(1);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('a change from a device whose clock is hours ahead waits for its time, then applies alike', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(5 * 3600_000);
    a.mnemo.api.presets.update({ presetId: 1, maximumInterval: 1 });
    swap(a, b);
    expect(preset(b)!.maximumInterval).toBe(36500); // not yet, by b's clock
    b.clock.advance(MIN);
    b.mnemo.api.review.answer({ cardId: b.card(3), rating: 4, durationMs: 3000 });
    expect(b.mnemo.col.card(b.card(3))!.scheduled_days).toBeGreaterThan(1);
    swap(a, b);
    expect(snapshot(a)).toEqual(snapshot(b)); // b's answer came before the change, on both
    b.clock.advance(5 * 3600_000);
    b.sync();
    expect(preset(b)!.maximumInterval).toBe(1);
    expect(settingsOf(b)).toEqual(settingsOf(a));
    b.mnemo.api.review.answer({ cardId: b.card(4), rating: 4, durationMs: 3000 });
    expect(b.mnemo.col.card(b.card(4))!.scheduled_days).toBe(1);
    swap(a, b);
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('a preset changed before sync was set up on one device is not undone by another set up later', () => {
    const decks = writeDeck(tempDir(), 3);
    const tuned = deckTemplate(decks);
    const m = openMnemo({ dataDir: tuned, clock: () => START });
    m.api.presets.update({ presetId: 1, desiredRetention: 0.82 });
    const shared = m.api.presets.create({ name: 'Shared', newPerDay: 3 });
    const sync = m.api.decks.list().decks.find((x) => x.name === 'Sync')!.id;
    m.api.decks.setPreset({ deckId: sync, presetId: shared.id });
    m.api.exams.create({
      name: 'Before sync',
      examAt: START + 20 * DAY,
      deckIds: [sync],
      budgetKind: 'reviews',
      budget: 40,
    });
    m.close();
    const root = tempDir();
    const a = makeDevice(decks, join(root, 'a'), START, tuned);
    open.push(a);
    // b starts later with untouched presets and its own "Shared".
    const plain = deckTemplate(decks, tempDir(), START + DAY);
    const n = openMnemo({ dataDir: plain, clock: () => START + DAY });
    n.api.presets.create({ name: 'Shared', reviewsPerDay: 70 });
    n.close();
    const b = makeDevice(decks, join(root, 'b'), START + DAY, plain);
    open.push(b);
    exchange(a, b);
    for (const d of [a, b]) {
      expect(preset(d)!.desiredRetention).toBe(0.82);
      expect(preset(d, 'Shared')).toMatchObject({ newPerDay: 3, reviewsPerDay: 70 });
      expect(d.mnemo.api.decks.list().decks.find((x) => x.name === 'Sync')!.presetId).toBe(
        preset(d, 'Shared')!.id,
      );
      expect(d.mnemo.api.exams.list()).toMatchObject([
        { name: 'Before sync', budgetKind: 'reviews', budget: 40 },
      ]);
    }
    expect(settingsOf(a)).toEqual(settingsOf(b));
  });

  it("a deck's preset and an exam over a deck not compiled here yet wait for its file", () => {
    const [a, b] = devices(2) as [Device, Device];
    const extra = tempDir();
    writeFileSync(join(extra, 'extra.md'), '---\ndeck: Extra\n---\n\nWhat?::That ^id-extra0\n');
    compileDecks(a.mnemo.col, [extra]);
    const slow = a.mnemo.api.presets.create({ name: 'Slow', newPerDay: 2 });
    a.mnemo.api.decks.setPreset({ deckId: deckId(a, 'Extra'), presetId: slow.id });
    a.mnemo.api.exams.create({
      name: 'Extra exam',
      examAt: START + 9 * DAY,
      deckIds: [deckId(a, 'Extra')],
      budgetKind: 'minutes',
      budget: 15,
    });
    exchange(a, b);
    expect(preset(b, 'Slow')).toMatchObject({ newPerDay: 2 });
    expect(b.mnemo.api.exams.list()).toEqual([]); // over no deck here it would cover every deck
    compileDecks(b.mnemo.col, [extra]);
    b.sync();
    expect(b.mnemo.api.decks.list().decks.find((x) => x.name === 'Extra')!.presetId).toBe(
      preset(b, 'Slow')!.id,
    );
    expect(b.mnemo.api.exams.list()).toMatchObject([{ name: 'Extra exam', deckIds: [deckId(b, 'Extra')] }]);
    expect(settingsOf(b)).toEqual(settingsOf(a));
  });

  it('presets, decks and exams an import adds travel too (an exam over decks not here waits)', async () => {
    const [a, b] = devices(2) as [Device, Device];
    const src = richCollection();
    const dump = join(tempDir(), 'all.json');
    await exportTo(src.col, dump, { format: 'json', withHistory: false });
    src.close();
    await runImport(a.mnemo.col, dump);
    exchange(a, b);
    expect(preset(b, 'Fast')).toMatchObject({ newPerDay: 50, enableFuzz: false });
    expect(b.mnemo.api.exams.list().map((e) => e.name)).toEqual(['cli quiz']); // DCA's deck is not here
    const onA = settingsOf(a);
    const onB = settingsOf(b);
    expect(onB.presets).toEqual(onA.presets);
    expect(onB.exams).toEqual(onA.exams.filter((e) => (e as { name?: string }).name === 'cli quiz'));
    // The imported decks' presets travel too, and wait on b until its files define those decks.
    const deckEvents = b.mnemo.col.stmt("SELECT object, merged FROM sync_settings WHERE kind = 'deck'").all();
    expect(deckEvents).toContainEqual({ object: 'Mine', merged: 2 });
  });

  it('setting sync up re-schedules nothing answered under a tuned preset', () => {
    const decks = writeDeck(tempDir(), 3);
    const dir = deckTemplate(decks);
    let now = START;
    const m = openMnemo({ dataDir: dir, clock: () => now });
    m.api.presets.update({ presetId: 1, maximumInterval: 2 });
    now += MIN;
    const card = m.col.stmt('SELECT id FROM cards ORDER BY id').pluck().get() as number;
    m.api.review.answer({ cardId: card, rating: 4, durationMs: 1000 });
    now += DAY;
    m.api.presets.update({ presetId: 1, newPerDay: 7 }); // the preset's last change: after the answer
    const before = m.col.card(card)!;
    expect(before.scheduled_days).toBe(2);
    m.close();
    const a = makeDevice(decks, join(tempDir(), 'a'), now, dir);
    open.push(a);
    expect(a.mnemo.col.card(card)).toEqual(before);
  });

  it('a bad preset event is skipped with a message naming file and line, the rest merged', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, newPerDay: 7 });
    a.sync();
    const [file] = segmentFiles(a.folder) as [string];
    const dev = file.split('/')[0]!;
    const at = START + 2 * MIN;
    const event = (n: number, s: Record<string, unknown>) =>
      encodeSetting({ id: uuidv7(at), dev, at, n, kind: 'preset', object: 'default', change: { s } });
    const newer = JSON.stringify({
      id: uuidv7(at),
      d: dev,
      at,
      n: 12,
      t: 'preset',
      o: 'default',
      fv: 2,
      s: {},
    });
    const text =
      event(10, { desiredRetention: 1.5 }) +
      `${newer}\t${crc32(newer).toString(16).padStart(8, '0')}\n` +
      event(11, { reviewsPerDay: 123 });
    deliver(a.folder, b.folder, file);
    mkdirSync(join(b.folder, ROOT, dev), { recursive: true });
    writeFileSync(join(b.folder, ROOT, file), text, { flag: 'a' });
    b.clock.now = at;
    const r = b.sync();
    expect(r.in).toBe(2);
    expect(r.problems).toEqual([
      { file, line: 2, message: 's.desiredRetention: must be at most 0.99' },
      {
        file,
        line: 3,
        message: 'fv: written in sync format 2, this Mnemo reads format 1: update Mnemo on this device',
      },
    ]);
    expect(syncStatus(b.mnemo.col).problems).toHaveLength(2);
    expect(preset(b)).toMatchObject({ newPerDay: 7, reviewsPerDay: 123, desiredRetention: 0.9 });
  });
});

const idOf = (d: Device) => d.mnemo.col.settings().syncDevice!.id;
