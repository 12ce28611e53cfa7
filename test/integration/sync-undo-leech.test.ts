/**
 * An undone leech answer, with sync on: the answer that suspended the card and tagged its note
 * is undone, and the other device learns exactly that: the answer undone by id and the card's
 * suspension set back, no event about any other card, none from the note's restored row.
 * Two real collections and a shared folder (test/helpers/sync-devices.ts).
 */
import { describe, expect, it } from 'vitest';
import { closedAfterEach, deliverAll, devicePair, snapshot } from '../helpers/sync-devices.ts';

const open = closedAfterEach();
const DAY = 86_400_000;

describe('sync: an undone leech answer', () => {
  it('travels as the answer undone and the suspension set back, nothing else', () => {
    const { a, b } = devicePair(open, 3);
    a.mnemo.api.presets.update({ presetId: 1, leechThreshold: 1, leechAction: 'suspend' });
    const cardId = a.card(1);
    a.mnemo.api.review.answer({ cardId, rating: 4, durationMs: 1000 });
    a.clock.now = a.mnemo.col.card(cardId)!.due + DAY;
    const { leech, reviewId } = a.mnemo.api.review.answer({ cardId, rating: 1, durationMs: 1000 });
    expect(leech).toBe(true);
    expect(a.mnemo.col.card(cardId)).toMatchObject({ suspended: 1, leech: 1 });
    expect(a.mnemo.api.cards.get({ cardId }).card.tags).toEqual(['leech']);

    a.mnemo.api.review.undo();
    expect(a.mnemo.col.card(cardId)).toMatchObject({ suspended: 0, leech: 0 });
    expect(a.mnemo.api.cards.get({ cardId }).card.tags).toEqual([]);
    const events = a.mnemo.col.db
      .prepare('SELECT type, card, field, value, target FROM sync_events ORDER BY n')
      .all() as { type: string; card: string; field: string | null; value: unknown; target: string | null }[];
    expect(events.map((e) => [e.type, e.field, e.value])).toEqual([
      ['answer', null, null],
      ['answer', null, null],
      ['set', 'suspended', 0],
      ['undo', null, null],
    ]);
    expect(new Set(events.map((e) => e.card)).size).toBe(1);
    expect(events[3]!.target).toBe(reviewId);

    a.sync();
    deliverAll(a, b);
    b.sync();
    expect(b.mnemo.col.card(b.card(1))).toMatchObject({ suspended: 0, leech: 0, reps: 1 });
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});
