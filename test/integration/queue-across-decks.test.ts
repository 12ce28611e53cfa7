/**
 * The queue and the deck tree across subdecks: order and counts when several decks each hold
 * several due, learning and new cards (one card per deck would hide ordering and summing bugs).
 */
import { describe, expect, it } from 'vitest';
import type { Mnemo } from '../../core/index.ts';
import { interleave } from '../../core/queue/queue.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

function setUp() {
  const m = tempMnemo(Date.parse('2026-11-29T10:00:00+08:00'));
  const parent = m.api.decks.create({ name: 'P' }).id;
  const a = m.api.decks.create({ name: 'P::A' }).id;
  const b = m.api.decks.create({ name: 'P::B' }).id;
  const now = m.clock.now;
  const set = m.col.db.prepare(
    'UPDATE cards SET state = ?, due = ?, stability = 5, difficulty = 5, last_review = ?, reps = 2 WHERE id = ?',
  );
  // Reviews due at interleaved times across A, B and P itself; learning cards likewise.
  const reviewDue = new Map<number, number>();
  const learningDue = new Map<number, number>();
  const decks = [a, b, parent];
  decks.forEach((deck, k) => {
    const ids = addBasicCards(m, deck, 7, `d${k}-`);
    ids.slice(0, 3).forEach((id, i) => {
      const due = now - DAY + (i * 3 + k) * MINUTE; // A: 0,3,6  B: 1,4,7  P: 2,5,8
      set.run(2, due, now - 5 * DAY, id);
      reviewDue.set(id, due);
    });
    ids.slice(3, 5).forEach((id, i) => {
      const due = now - 30 * MINUTE + (i * 3 + k) * MINUTE;
      set.run(3, due, now - DAY, id);
      learningDue.set(id, due);
    });
    // ids 5 and 6 stay new.
  });
  return { m, parent, a, b, reviewDue, learningDue };
}

/** The cards `review.next` shows under `deckId`, each answered Easy, until none is left or more than `most`. */
function easyThrough(m: Mnemo, deckId: number, most: number): number[] {
  const order: number[] = [];
  for (let next = m.api.review.next({ deckId }); next; next = m.api.review.next({ deckId })) {
    order.push(next.card.id);
    m.api.review.answer({ cardId: next.card.id, rating: 4, durationMs: 1000 });
    if (order.length > most) break;
  }
  return order;
}

describe('the queue across subdecks', () => {
  it('shows learning cards by due time, then reviews by due time interleaved with new cards, whatever deck each is in', () => {
    const { m, parent, reviewDue, learningDue } = setUp();
    // Good on a review card sends it days away; keep the learning ones out of the way too.
    const order = easyThrough(m, parent, 40);
    const learning = [...learningDue].sort((x, y) => x[1] - y[1]).map(([id]) => id);
    expect(order.slice(0, learning.length)).toEqual(learning);
    const rest = order.slice(learning.length);
    const reviews = rest.filter((id) => reviewDue.has(id));
    expect(reviews).toEqual([...reviewDue].sort((x, y) => x[1] - y[1]).map(([id]) => id));
    // New cards are spread among the reviews, not all after them.
    const firstNew = rest.findIndex((id) => !reviewDue.has(id));
    expect(firstNew).toBeGreaterThan(0);
    expect(firstNew).toBeLessThan(reviews.length);
  });

  it("gives each deck of the tree its own counts and a parent the sum of its children's, capped by its limits", () => {
    const { m, parent, a, b } = setUp();
    const byId = new Map(m.api.decks.list().decks.map((d) => [d.id, d]));
    expect(byId.get(a)!.counts).toEqual({ new: 2, learning: 2, review: 3 });
    expect(byId.get(b)!.counts).toEqual({ new: 2, learning: 2, review: 3 });
    expect(byId.get(parent)!.counts).toEqual({ new: 6, learning: 6, review: 9 });
    expect(byId.get(parent)!.totalCards).toBe(21);
    // A review limit of 4 on the parent's preset caps the parent; its reviews leave no room for new cards.
    const preset = m.api.presets.create({ name: 'tight', reviewsPerDay: 4, newPerDay: 3 });
    m.api.decks.setPreset({ deckId: parent, presetId: preset.id });
    const capped = new Map(m.api.decks.list().decks.map((d) => [d.id, d.counts]));
    expect(capped.get(parent)).toEqual({ new: 0, learning: 6, review: 4 });
  });

  it('shows reviews due at the same moment (a study day start) by card id, whatever deck each is in', () => {
    const m = tempMnemo(Date.parse('2026-11-29T10:00:00+08:00'));
    const parent = m.api.decks.create({ name: 'P' }).id;
    const a = m.api.decks.create({ name: 'P::A' }).id;
    const b = m.api.decks.create({ name: 'P::B' }).id;
    // Ids ascending in the reverse of the decks' order (P, P::A, P::B): B's first, then A's, then P's.
    const ids = [b, a, parent].flatMap((deck, k) => addBasicCards(m, deck, 3, `t${k}-`));
    const dayStart = Date.parse('2026-11-29T04:00:00+08:00');
    const set = m.col.db.prepare(
      'UPDATE cards SET state = 2, due = ?, stability = 5, difficulty = 5, last_review = ?, reps = 2 WHERE id = ?',
    );
    for (const id of ids) set.run(dayStart, dayStart - 5 * DAY, id);
    const order = easyThrough(m, parent, ids.length);
    expect(order).toEqual(ids); // by id: B's, A's, then P's, though P's were read first
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    m.close();
  });

  it('interleaves new cards evenly among reviews', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual(['r1', 'n1', 'r2', 'r3', 'n2', 'r4']);
    expect(interleave(['r1'], ['n1', 'n2', 'n3'])).toEqual(['n1', 'r1', 'n2', 'n3']);
    expect(interleave(['r1', 'r2'], ['n1', 'n2'])).toEqual(['r1', 'n1', 'r2', 'n2']);
    expect(interleave([], ['n1'])).toEqual(['n1']);
  });
});
