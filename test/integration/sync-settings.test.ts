import { describe, expect, it } from 'vitest';
import { syncStatus } from '../../core/sync/setup.ts';
import { closedAfterEach, type Device, deliverAll, START, snapshot } from '../helpers/sync-devices.ts';

import {
  DAY,
  deckId,
  devicesIn,
  exchange,
  idOf,
  MIN,
  preset,
  settingsOf,
  swap,
} from '../helpers/sync-settings.ts';

const open = closedAfterEach();
const devices = (n: number, cards?: number) => devicesIn(open, n, cards);

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
});
