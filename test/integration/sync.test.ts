import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/collection.ts';
import { type Device, deliverAll, makeDevice, snapshot, writeDeck } from '../helpers/sync-devices.ts';

const open: Device[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.mnemo.close();
});

function pair(cards = 5) {
  const decks = writeDeck(tempDir(), cards);
  const root = tempDir();
  const a = makeDevice(decks, join(root, 'a'));
  const b = makeDevice(decks, join(root, 'b'));
  open.push(a, b);
  return { a, b };
}

describe('sync between two devices', () => {
  it('two devices answering the same card offline both keep their answers and reach one state', () => {
    const { a, b } = pair();
    a.mnemo.api.review.answer({ cardId: a.card(0), rating: 3, durationMs: 4000 });
    b.clock.advance(60_000);
    b.mnemo.api.review.answer({ cardId: b.card(0), rating: 1, durationMs: 2000 });
    a.clock.advance(86_400_000);
    a.mnemo.api.review.answer({ cardId: a.card(0), rating: 3, durationMs: 3000 });
    expect(a.sync().out).toBe(2);
    expect(b.sync().out).toBe(1);
    deliverAll(a, b);
    deliverAll(b, a);
    const ra = a.sync();
    const rb = b.sync();
    expect(ra.in).toBe(1);
    expect(rb.in).toBe(2);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).log).toHaveLength(3);
    expect(snapshot(a).cards[0]).toMatchObject({ reps: 3 });
  });
});
