import { mkdirSync, writeFileSync } from 'node:fs';
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
  makeDevice,
  START,
  segmentFiles,
  writeDeck,
} from '../helpers/sync-devices.ts';

import { DAY, deckId, devicesIn, exchange, MIN, preset, settingsOf } from '../helpers/sync-settings.ts';

const open = closedAfterEach();
const devices = (n: number, cards?: number) => devicesIn(open, n, cards);

describe('sync: preset and exam changes that wait, or come from before sync', () => {
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
