import { type Grade, Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { isLeechLapse } from '../../core/review/answer.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const MIN = 60_000;
const DAY = 86_400_000;

type M = ReturnType<typeof tempMnemo>;

/** A deck with one card already graduated to review, under a preset with these leech settings. */
function reviewCard(leechThreshold: number, leechAction: 'suspend' | 'tag') {
  const m = tempMnemo();
  const { id: deckId } = m.api.decks.create({ name: 'D' });
  m.api.presets.update({ presetId: 1, leechThreshold, leechAction });
  const [cardId] = addBasicCards(m, deckId, 1);
  m.api.review.answer({ cardId: cardId!, rating: Rating.Easy, durationMs: 1 });
  expect(m.col.card(cardId!)!.state).toBe(State.Review);
  return { m, cardId: cardId! };
}

/** Forgets a review card once it is overdue (Again: one lapse); returns the answer's `leech`. */
function lapse(m: M, cardId: number): boolean {
  m.clock.now = Math.max(m.clock.now, m.col.card(cardId)!.due) + DAY;
  const lapses = m.col.card(cardId)!.lapses;
  const { leech } = m.api.review.answer({ cardId, rating: Rating.Again, durationMs: 1 });
  expect(m.col.card(cardId)!.lapses).toBe(lapses + 1);
  return leech;
}

/** Relearns a lapsed card after its 10-minute step (Good): back in review, no lapse. */
function relearn(m: M, cardId: number, rating: Grade = Rating.Good) {
  m.clock.advance(11 * MIN);
  const r = m.api.review.answer({ cardId, rating, durationMs: 1 });
  expect(m.col.card(cardId)!.state).toBe(State.Review);
  return r;
}

const tagsOf = (m: M, cardId: number) => m.api.cards.get({ cardId }).card.tags;

describe('leeches (README: "at 8 lapses, and every 4 after")', () => {
  it('with the default threshold, lapses 8, 12 and 16 make a leech and no others', () => {
    const { m, cardId } = reviewCard(8, 'tag');
    const leechAt: number[] = [];
    for (let n = 1; n <= 17; n++) {
      if (lapse(m, cardId)) leechAt.push(n);
      expect(relearn(m, cardId).leech, 'a Good answer is never a leech').toBe(false);
      // Once a leech, the flag stays (tagged, not suspended, under "tag").
      const { card } = m.api.cards.get({ cardId });
      expect(card.leech, `after lapse ${n}`).toBe(n >= 8);
      expect(card.suspended).toBe(false);
      expect(card.tags).toEqual(n >= 8 ? ['leech'] : []);
    }
    expect(leechAt).toEqual([8, 12, 16]);
    m.close();
  });

  it('every half threshold, rounded up, after the threshold (4: every 2; 5: every 3)', () => {
    for (const [threshold, expected] of [
      [4, [4, 6, 8, 10]],
      [5, [5, 8]],
      [1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      [2, [2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ] as const) {
      const { m, cardId } = reviewCard(threshold, 'tag');
      const leechAt: number[] = [];
      for (let n = 1; n <= 10; n++) {
        if (lapse(m, cardId)) leechAt.push(n);
        relearn(m, cardId);
      }
      expect(leechAt, `threshold ${threshold}`).toEqual(expected);
      expect(tagsOf(m, cardId)).toEqual(['leech']); // tagged once, however often it was a leech
      m.close();
    }
  });

  it('isLeechLapse states the same rule', () => {
    const at = (threshold: number) =>
      Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => isLeechLapse(n, threshold));
    expect(at(8)).toEqual([8, 12, 16, 20]);
    expect(at(6)).toEqual([6, 9, 12, 15, 18]);
    expect(at(7)).toEqual([7, 11, 15, 19]);
    expect(at(3)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19]);
  });

  it('a suspended leech, unsuspended and answered Good, Hard or Easy, stays unsuspended', () => {
    const { m, cardId } = reviewCard(3, 'suspend');
    for (let n = 1; n <= 2; n++) {
      expect(lapse(m, cardId)).toBe(false);
      relearn(m, cardId);
    }
    expect(lapse(m, cardId)).toBe(true);
    expect(m.api.cards.get({ cardId }).card).toMatchObject({ leech: true, suspended: true, tags: ['leech'] });
    expect(() => relearn(m, cardId)).toThrow(/suspended/);

    m.api.cards.unsuspend({ cardIds: [cardId] });
    // Relearning, then three reviews that remember it: lapses stay at the threshold.
    const answers = [relearn(m, cardId, Rating.Good)];
    for (const rating of [Rating.Good, Rating.Hard, Rating.Easy] as Grade[]) {
      m.clock.now = m.col.card(cardId)!.due + DAY;
      answers.push(m.api.review.answer({ cardId, rating, durationMs: 1 }));
    }
    expect(answers.map((a) => a.leech)).toEqual([false, false, false, false]);
    const { card } = m.api.cards.get({ cardId });
    expect(card).toMatchObject({ leech: true, suspended: false, tags: ['leech'] });
    expect(card.fsrs.lapses).toBe(3);
    // It is studied again: in today's queue when due.
    m.clock.now = m.col.card(cardId)!.due + DAY;
    expect(m.api.review.next({})!.card.id).toBe(cardId);

    // The next lapse (4) is not a leech; 5 (threshold + half of it, rounded up) is, and suspends again.
    expect(lapse(m, cardId)).toBe(false);
    expect(m.api.cards.get({ cardId }).card.suspended).toBe(false);
    relearn(m, cardId);
    expect(lapse(m, cardId)).toBe(true);
    expect(m.api.cards.get({ cardId }).card).toMatchObject({ suspended: true, tags: ['leech'] });
    m.close();
  });

  it('a lapse below the threshold neither flags, tags nor suspends', () => {
    const { m, cardId } = reviewCard(4, 'suspend');
    for (let n = 1; n <= 3; n++) {
      expect(lapse(m, cardId)).toBe(false);
      expect(m.api.cards.get({ cardId }).card).toMatchObject({ leech: false, suspended: false, tags: [] });
      relearn(m, cardId);
    }
    m.close();
  });

  it('the leech tag joins the note’s own tags, on every card of the note', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.presets.update({ presetId: 1, leechThreshold: 1, leechAction: 'tag', burySiblings: false });
    const { cardIds } = m.api.notes.add({
      deckId,
      kind: 'reversed',
      fields: { front: 'bridge', back: '桥接' },
      tags: ['docker', 'net'],
    });
    const [a, b] = cardIds as [number, number];
    m.api.review.answer({ cardId: a, rating: Rating.Easy, durationMs: 1 });
    expect(lapse(m, a)).toBe(true);
    expect(tagsOf(m, a)).toEqual(['docker', 'net', 'leech']);
    expect(tagsOf(m, b)).toEqual(['docker', 'net', 'leech']);
    // Only the card that lapsed is a leech.
    expect(m.api.cards.get({ cardId: b }).card.leech).toBe(false);
    m.close();
  });
});
