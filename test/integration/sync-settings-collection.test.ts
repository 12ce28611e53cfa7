/**
 * The collection's scheduling settings travel (the day start, the learn-ahead); the theme and
 * language stay on their device. Real collections on real SQLite files, in the tests' time
 * zone (Asia/Shanghai): START is 17:00 there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncCommand } from '../../cli/sync.ts';
import { openMnemo } from '../../core/index.ts';
import { ROOT } from '../../core/sync/folder.ts';
import { syncStatus } from '../../core/sync/setup.ts';
import { tempDir } from '../helpers/collection.ts';
import {
  closedAfterEach,
  type Device,
  deckTemplate,
  deliverAll,
  makeDevice,
  START,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const open = closedAfterEach();

const MIN = 60_000;
const HOUR = 3_600_000;

function devices(n: number, template?: string, decks = writeDeck(tempDir(), 6)) {
  const t = template ?? deckTemplate(decks);
  const root = tempDir();
  const out = Array.from({ length: n }, (_, i) => makeDevice(decks, join(root, String(i)), START, t));
  open.push(...out);
  return out;
}

const idOf = (d: Device) => d.mnemo.col.settings().syncDevice!.id;

/** Every device syncs, gets every other's files and syncs again, its clock caught up with the furthest ahead. */
function exchange(...ds: Device[]) {
  const now = Math.max(...ds.map((d) => d.clock.now));
  for (const d of ds) d.clock.now = now;
  for (const d of ds) d.sync();
  for (const from of ds)
    for (const to of ds)
      if (from !== to && existsSync(join(from.folder, ROOT, idOf(from)))) deliverAll(from, to);
  for (const d of ds) d.sync();
}

const easy = (d: Device, n: number) =>
  d.mnemo.api.review.answer({ cardId: d.card(n), rating: 4, durationMs: 2000 });
/** The local hour a card is due at: a review interval is due at the start of a study day. */
const dueHour = (d: Device, n: number) => new Date(d.mnemo.col.card(d.card(n))!.due).getHours();
const settings = (d: Device) => d.mnemo.api.settings.get();

describe('sync: the collection settings that schedule travel', () => {
  it('a day start changed on A: answers on both devices replay under the day start in force then, alike', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    easy(a, 0); // before the change: study days start at 4:00
    b.clock.advance(MIN);
    easy(b, 1);
    a.clock.advance(MIN);
    a.mnemo.api.settings.update({ dayStartHour: 20, learnAheadMinutes: 45 });
    a.clock.advance(MIN);
    easy(a, 2); // after it, on a
    b.clock.advance(3 * MIN);
    easy(b, 3); // after it on b, which has not seen it yet: made under 4:00 here
    expect(dueHour(b, 3)).toBe(4);
    exchange(a, b);
    for (const d of [a, b]) {
      expect(settings(d)).toMatchObject({ dayStartHour: 20, learnAheadMinutes: 45 });
      expect([0, 1, 2, 3].map((n) => dueHour(d, n))).toEqual([4, 4, 20, 20]);
    }
    expect(snapshot(b)).toEqual(snapshot(a));
    // The next answer on b uses it directly.
    b.clock.advance(MIN);
    easy(b, 4);
    expect(dueHour(b, 4)).toBe(20);
    exchange(a, b);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('concurrent edits of the day start on two devices end alike, with a third device and a fresh one', () => {
    const decks = writeDeck(tempDir(), 6);
    const template = deckTemplate(decks);
    const [a, b, c] = devices(3, template, decks) as [Device, Device, Device];
    a.clock.advance(2 * MIN);
    a.mnemo.api.settings.update({ dayStartHour: 6 });
    b.clock.advance(MIN); // earlier than a's
    b.mnemo.api.settings.update({ dayStartHour: 22, learnAheadMinutes: 5 });
    for (const [d, n] of [
      [a, 0],
      [b, 0],
      [b, 1],
      [c, 2],
    ] as const) {
      d.clock.advance(3 * MIN);
      easy(d, n);
    }
    exchange(a, b, c);
    for (const d of [a, b, c]) expect(settings(d)).toMatchObject({ dayStartHour: 6, learnAheadMinutes: 5 });
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(snapshot(c)).toEqual(snapshot(a));
    expect([1, 2].map((n) => dueHour(a, n))).toEqual([6, 6]); // answered after both changes
    const fresh = makeDevice(decks, join(tempDir(), 'fresh'), a.clock.now, template);
    open.push(fresh);
    for (const from of [a, b, c]) deliverAll(from, fresh);
    fresh.sync();
    expect(settings(fresh)).toMatchObject({ dayStartHour: 6, learnAheadMinutes: 5 });
    expect(snapshot(fresh)).toEqual(snapshot(a));
  });

  it('a day start set before sync holds from the start on every device: answers made elsewhere with the default replay under it', () => {
    const decks = writeDeck(tempDir(), 4);
    const tuned = deckTemplate(decks);
    const m = openMnemo({ dataDir: tuned, clock: () => START });
    m.api.settings.update({ dayStartHour: 7, theme: 'dark', language: 'zh' });
    m.close();
    const [b] = devices(1, deckTemplate(decks), decks) as [Device];
    b.clock.advance(MIN);
    easy(b, 0); // made under 4:00 on b, before it had seen a's 7:00
    // a is set up two hours later: its 7:00 held from before b's answer all the same.
    const a = makeDevice(decks, join(tempDir(), 'a'), START + 2 * HOUR, tuned);
    open.push(a);
    expect(dueHour(b, 0)).toBe(4);
    exchange(a, b);
    for (const d of [a, b]) {
      expect(settings(d).dayStartHour).toBe(7);
      expect(dueHour(d, 0)).toBe(7);
    }
    expect(snapshot(b)).toEqual(snapshot(a));
    // The theme and the language belong to the device: b keeps its own.
    expect(settings(b)).toMatchObject({ theme: 'system', language: null });
    expect(settings(a)).toMatchObject({ theme: 'dark', language: 'zh' });
  });

  it('a day-start change from a device whose clock is hours ahead waits for its time', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(5 * HOUR);
    a.mnemo.api.settings.update({ dayStartHour: 12 });
    a.sync();
    deliverAll(a, b);
    b.sync();
    expect(settings(b).dayStartHour).toBe(4); // not yet, by b's clock
    b.clock.advance(MIN);
    easy(b, 1);
    b.sync();
    deliverAll(b, a);
    a.sync();
    expect(snapshot(a)).toEqual(snapshot(b)); // b's answer came before the change, on both
    expect(dueHour(a, 1)).toBe(4);
    b.clock.advance(5 * HOUR);
    b.sync();
    expect(settings(b).dayStartHour).toBe(12);
  });

  it('the sync report counts settings events in and out by kind and names the last change from elsewhere', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.presets.update({ presetId: 1, newPerDay: 7 });
    a.mnemo.api.presets.update({ presetId: 1, desiredRetention: 0.85 });
    a.mnemo.api.exams.create({
      name: 'Final',
      examAt: START + 30 * 86_400_000,
      deckIds: [a.mnemo.api.decks.list().decks[0]!.id],
      budgetKind: 'minutes',
      budget: 20,
    });
    a.mnemo.api.settings.update({ dayStartHour: 5, theme: 'dark' });
    a.mnemo.api.settings.update({ theme: 'light' }); // the device's own: no event
    const out = a.sync();
    expect(out.settings.out).toEqual({ preset: 2, deck: 0, exam: 1, settings: 1 });
    expect(out.settings.in).toEqual({ preset: 0, deck: 0, exam: 0, settings: 0 });
    expect(out.settings.lastFromOthers).toBeNull();
    deliverAll(a, b);
    b.clock.now = a.clock.now;
    const got = b.sync();
    expect(got.in).toBe(4);
    expect(got.settings.in).toEqual({ preset: 2, deck: 0, exam: 1, settings: 1 });
    expect(got.settings.lastFromOthers).toMatchObject({
      kind: 'settings',
      object: 'collection',
      fields: { dayStartHour: 5 },
      device: idOf(a),
      at: START + MIN,
    });
    expect(typeof got.settings.lastFromOthers!.deviceName).toBe('string');
    // Shown again by the status until something newer arrives.
    expect(syncStatus(b.mnemo.col).last!.settings.lastFromOthers).toEqual(got.settings.lastFromOthers);
    a.clock.advance(MIN);
    a.mnemo.api.presets.rename({ presetId: 1, name: 'Everyday' });
    exchange(a, b);
    expect(syncStatus(b.mnemo.col).last!.settings.lastFromOthers).toMatchObject({
      kind: 'preset',
      name: 'Everyday',
      fields: { name: 'Everyday' },
    });
  });

  it('mnemo sync says the same in text as in JSON: the settings counts and the last change', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.settings.update({ learnAheadMinutes: 35 });
    a.sync();
    deliverAll(a, b);
    const dataDir = b.mnemo.dataDir;
    b.mnemo.close(); // the command opens the collection itself, on the real clock (after START)
    const printed: string[] = [];
    expect(syncCommand(['--json'], dataDir, (x) => printed.push(x))).toBe(0);
    const report = JSON.parse(printed[0]!);
    expect(report.settings).toMatchObject({
      in: { preset: 0, deck: 0, exam: 0, settings: 1 },
      lastFromOthers: { kind: 'settings', fields: { learnAheadMinutes: 35 }, device: idOf(a) },
    });
    const text: string[] = [];
    expect(syncCommand(['status'], dataDir, (x) => text.push(x))).toBe(0);
    const last = `Last settings change from another device: settings learnAheadMinutes=35 from ${idOf(a)}`;
    expect(text.join('\n')).toContain(last);
    deliverAll(a, b); // nothing new: the counts say so, the last change stays
    text.length = 0;
    expect(syncCommand([], dataDir, (x) => text.push(x))).toBe(0);
    expect(text.join('\n')).toContain(
      'Settings events in: 0 preset, 0 deck, 0 exam, 0 settings; out: 0 preset, 0 deck, 0 exam, 0 settings.',
    );
    expect(text.join('\n')).toContain(last);
    expect(text.join('\n')).toContain(`at ${new Date(START + MIN).toISOString()}`);
  });

  it('a settings line out of bounds is skipped with the field named; nothing changes', () => {
    const [a, b] = devices(2) as [Device, Device];
    a.clock.advance(MIN);
    a.mnemo.api.settings.update({ learnAheadMinutes: 30 });
    // Past the API's bounds: as another device could not have written it.
    a.mnemo.col.tx(() =>
      a.mnemo.col
        .stmt("UPDATE sync_settings SET change = ? WHERE kind = 'settings' AND outbox = 1")
        .run(JSON.stringify({ s: { dayStartHour: 24, learnAheadMinutes: 30 } })),
    );
    a.sync();
    deliverAll(a, b);
    b.clock.now = a.clock.now;
    const r = b.sync();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/^s\.dayStartHour: /);
    expect(settings(b)).toMatchObject({ dayStartHour: 4, learnAheadMinutes: 20 });
  });
});
