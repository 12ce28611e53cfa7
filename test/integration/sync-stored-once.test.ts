/**
 * Another device's answers stored once (core/sync/log-events.ts): as the review-log rows the
 * merge writes, which carry the event's device, count and card identity, and not again in
 * sync_events. Then a duplicate is still recognised, a local answer after them still advances
 * the card's head, an undo that arrives later still drops the answer (its event kept), and a
 * log row deleted leaves its event behind. Two real collections and a shared folder.
 */
import { describe, expect, it } from 'vitest';
import {
  closedAfterEach,
  type Device,
  deliver,
  deliverAll,
  devicePair,
  segmentFiles,
  snapshot,
} from '../helpers/sync-devices.ts';

const open = closedAfterEach();
const MINUTE = 60_000;

const twoDevices = () => devicePair(open, 4);

const deviceId = (d: Device) => d.mnemo.col.settings().syncDevice!.id;

/** Log rows stored once, with the event fields they carry. */
const storedOnce = (d: Device) =>
  d.mnemo.col.db
    .prepare('SELECT id, sync_dev, sync_n, sync_card FROM review_log WHERE sync_dev IS NOT NULL ORDER BY id')
    .all() as { id: string; sync_dev: string; sync_n: number; sync_card: string }[];

const eventIds = (d: Device) =>
  new Set(d.mnemo.col.db.prepare('SELECT id FROM sync_events').pluck().all() as string[]);

const head = (d: Device, key: string) =>
  d.mnemo.col.db.prepare('SELECT event FROM sync_heads WHERE card = ?').pluck().get(key) as
    | string
    | undefined;

/** Device `a` answers card 1 twice and card 2 once, a minute apart each; returns the answers' ids. */
function answerOnA(a: Device): string[] {
  const ids: string[] = [];
  for (const [n, rating] of [
    [1, 3],
    [2, 4],
    [1, 1],
  ] as const) {
    a.clock.now += MINUTE;
    ids.push(a.mnemo.api.review.answer({ cardId: a.card(n), rating, durationMs: 4000 }).reviewId);
  }
  a.sync();
  return ids;
}

describe('sync: another device’s answers stored once, as their log rows', () => {
  it('keeps each answer once, with its device, count and card, and counts a duplicate once', () => {
    const { a, b } = twoDevices();
    const ids = answerOnA(a);
    deliverAll(a, b);
    expect(b.sync().in).toBe(3);

    const rows = storedOnce(b);
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    for (const r of rows) expect(r.sync_dev).toBe(deviceId(a));
    expect(rows.map((r) => r.sync_card).sort()).toEqual(['card1/0', 'card1/0', 'card2/0']);
    // Two answers on card 1: a's counts, in the order a made them.
    const card1 = rows.filter((r) => r.sync_card === 'card1/0').sort((x, y) => x.sync_n - y.sync_n);
    expect(card1.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    const events = eventIds(b);
    for (const id of ids) expect(events.has(id)).toBe(false);
    expect(head(b, 'card1/0')).toBe(ids[2]);
    expect(snapshot(b)).toEqual(snapshot(a));

    // The same file again, as a Syncthing conflict copy: nothing new.
    const file = segmentFiles(b.folder).find((f) => f.startsWith(deviceId(a)))!;
    deliver(a.folder, b.folder, file, undefined, file.replace('.jsonl', '.sync-conflict-20261102-1.jsonl'));
    const again = b.sync();
    expect(again.in).toBe(0);
    expect(storedOnce(b)).toEqual(rows);
  });

  it('advances the card’s head past them on a local answer, and both devices end alike', () => {
    const { a, b } = twoDevices();
    const ids = answerOnA(a);
    deliverAll(a, b);
    b.sync();
    expect(head(b, 'card1/0')).toBe(ids[2]);

    b.clock.now = a.clock.now + MINUTE;
    const local = b.mnemo.api.review.answer({ cardId: b.card(1), rating: 3, durationMs: 3000 }).reviewId;
    // The row still reflects every event: the head moves on to the local answer.
    expect(head(b, 'card1/0')).toBe(local);
    b.sync();
    a.clock.now = b.clock.now + MINUTE;
    a.mnemo.api.review.answer({ cardId: a.card(2), rating: 2, durationMs: 2000 });
    a.sync();
    deliverAll(b, a);
    deliverAll(a, b);
    a.sync();
    b.sync();
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(snapshot(b).log).toHaveLength(5);
  });

  it('drops an answer undone later and keeps its event; a log row deleted leaves its event', () => {
    const { a, b } = twoDevices();
    const ids = answerOnA(a);
    deliverAll(a, b);
    b.sync();
    expect(storedOnce(b)).toHaveLength(3);

    // a undoes its last answer (on card 1) after b merged it.
    a.mnemo.api.review.undo();
    a.sync();
    deliverAll(a, b);
    b.sync();
    expect(snapshot(b)).toEqual(snapshot(a));
    const logIds = snapshot(b).log.map((r) => (r as { id: string }).id);
    expect(logIds).not.toContain(ids[2]);
    // Card 1's history moved to sync_events to be replayed there, the undone answer with it.
    const events = eventIds(b);
    expect(events.has(ids[2]!)).toBe(true);
    expect(events.has(ids[0]!)).toBe(true);
    expect(storedOnce(b).map((r) => r.id)).toEqual([ids[1]]);

    // The last answer stored once, deleted from the log: its event stays, as it was.
    const db = b.mnemo.col.db;
    db.prepare('DELETE FROM review_log WHERE id = ?').run(ids[1]);
    expect(
      db.prepare('SELECT dev, card, type, rating, ms, merged FROM sync_events WHERE id = ?').get(ids[1]),
    ).toEqual({ dev: deviceId(a), card: 'card2/0', type: 'answer', rating: 4, ms: 4000, merged: 1 });
  });
});
