/**
 * A sync commits without waiting for the disk (core/sync/run.ts: all it writes comes back
 * from the sync folder), and leaves the collection as it found it: every answer after it
 * still commits with synchronous=FULL. Two real collections and a shared folder.
 */
import { describe, expect, it } from 'vitest';
import { closedAfterEach, deliverAll, devicePair, snapshot } from '../helpers/sync-devices.ts';

const open = closedAfterEach();
const FULL = 2;

describe('sync: its durability', () => {
  it('leaves synchronous=FULL for the answers after a sync, and the merge committed', () => {
    const { a, b } = devicePair(open, 4);
    const synchronous = () => b.mnemo.col.db.pragma('synchronous', { simple: true });
    expect(synchronous()).toBe(FULL);

    for (const n of [1, 2, 1]) {
      a.clock.now += 60_000;
      a.mnemo.api.review.answer({ cardId: a.card(n), rating: 3, durationMs: 3000 });
    }
    a.sync();
    deliverAll(a, b);
    expect(b.sync().in).toBe(3);
    expect(synchronous()).toBe(FULL);
    expect(snapshot(b)).toEqual(snapshot(a));

    // A local answer after the merge, then the sync that sends it out.
    b.clock.now = a.clock.now + 60_000;
    b.mnemo.api.review.answer({ cardId: b.card(3), rating: 2, durationMs: 2000 });
    expect(synchronous()).toBe(FULL);
    expect(b.sync().out).toBe(1);
    expect(synchronous()).toBe(FULL);
  });
});
