import { Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const MIN = 60_000;
const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();

type M = ReturnType<typeof tempMnemo>;
const answer = (m: M, cardId: number, rating: 1 | 2 | 3 | 4) =>
  m.api.review.answer({ cardId, rating, durationMs: 1000 });
const kindOf = (m: M, cardId: number) =>
  m.col.db
    .prepare('SELECT kind FROM review_log WHERE card_id = ? ORDER BY reviewed_at DESC, seq DESC LIMIT 1')
    .pluck()
    .get(cardId);

describe('learning answers and the daily review limit', () => {
  it('with a limit of 1, answering a learning card does not hide the only due review', () => {
    const m = tempMnemo(local(2026, 11, 29, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [review, learning] = addBasicCards(m, deckId, 2) as [number, number];
    answer(m, review, Rating.Easy);
    answer(m, learning, Rating.Again); // a learning card, its first answer on an earlier day
    m.clock.now = m.col.card(review)!.due + 6 * 3_600_000; // the review's due day, 10:00
    m.api.presets.update({ presetId: 1, reviewsPerDay: 1 });
    expect(m.api.review.counts({}).counts).toEqual({ new: 0, learning: 1, review: 1 });

    expect(m.api.review.next({})!.card.id).toBe(learning); // due learning cards first
    answer(m, learning, Rating.Again);
    expect(kindOf(m, learning)).toBe('learning');
    expect(m.api.review.counts({}).counts.review).toBe(1);
    const next = m.api.review.next({})!;
    expect(next.card.id).toBe(review);
    expect(next.queue).toBe('review');
    m.close();
  });

  it('only review answers (a lapse included) use it up; learning and relearning answers do not', () => {
    const m = tempMnemo(local(2026, 11, 29, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const reviews = addBasicCards(m, deckId, 4, 'r');
    const [l1, l2] = addBasicCards(m, deckId, 2, 'l') as [number, number];
    for (const id of reviews) answer(m, id, Rating.Easy);
    answer(m, l1, Rating.Again);
    answer(m, l2, Rating.Again);
    m.clock.now = local(2027, 1, 28, 10); // 60 days on: all four reviews due, both learning cards overdue
    m.api.presets.update({ presetId: 1, reviewsPerDay: 2, newPerDay: 0 });
    const counts = () => m.api.review.counts({}).counts;
    expect(counts()).toEqual({ new: 0, learning: 2, review: 2 });

    // Two learning answers: still two reviews.
    answer(m, l1, Rating.Good);
    answer(m, l2, Rating.Again);
    expect([kindOf(m, l1), kindOf(m, l2)]).toEqual(['learning', 'learning']);
    expect(counts().review).toBe(2);

    // A review forgotten (a lapse): that is a review answer, one of the two.
    const first = m.api.review.next({})!;
    expect(first.queue).toBe('review');
    answer(m, first.card.id, Rating.Again);
    expect(kindOf(m, first.card.id)).toBe('review');
    expect(m.col.card(first.card.id)!.state).toBe(State.Relearning);
    expect(counts().review).toBe(1);

    // Relearning and learning answers after their steps: still one review left.
    m.clock.advance(11 * MIN);
    answer(m, first.card.id, Rating.Good);
    answer(m, l1, Rating.Good);
    answer(m, l2, Rating.Good);
    expect(kindOf(m, first.card.id)).toBe('relearning');
    expect(counts().review).toBe(1);
    const second = m.api.review.next({})!;
    expect(second.queue).toBe('review');
    expect(reviews).toContain(second.card.id);
    answer(m, second.card.id, Rating.Good);

    // Two reviews answered: the limit is used up though two more are due.
    expect(counts().review).toBe(0);
    const due = m.api.cards.search({ state: 'review', dueTo: m.clock.now }).total;
    expect(due).toBe(2);
    expect(m.api.review.next({})?.queue ?? null).not.toBe('review');
    // The next study day, the limit is fresh.
    m.clock.now = local(2027, 1, 29, 4);
    expect(counts().review).toBe(2);
    m.close();
  });
});

describe('the learn-ahead window (20 minutes by default)', () => {
  /** One new card answered Again under a single learning step of `step`: due `step` from now. */
  function learningCardDueIn(step: string) {
    const m = tempMnemo(local(2026, 11, 29, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.presets.update({ presetId: 1, learningSteps: step });
    const [cardId] = addBasicCards(m, deckId, 1) as [number];
    answer(m, cardId, Rating.Again);
    return { m, cardId, due: m.col.card(cardId)!.due };
  }

  it('a card due in 60 minutes waits until it is 20 minutes away; then it is shown early', () => {
    const { m, cardId, due } = learningCardDueIn('60m');
    expect(due).toBe(m.clock.now + 60 * MIN);
    expect(m.api.review.next({})).toBeNull();
    expect(m.api.review.counts({})).toEqual({
      counts: { new: 0, learning: 0, review: 0 },
      nextLearningDue: due,
      learningLater: 1,
    });
    m.clock.now = due - 21 * MIN;
    expect(m.api.review.next({})).toBeNull();
    m.clock.now = due - 20 * MIN;
    const shown = m.api.review.next({})!;
    expect(shown.card.id).toBe(cardId);
    expect(shown.queue).toBe('learning');
    expect(m.api.review.counts({})).toEqual({
      counts: { new: 0, learning: 1, review: 0 },
      nextLearningDue: null,
      learningLater: 0,
    });
    m.close();
  });

  it('follows the setting: 0 shows a learning card only when due, 90 shows one due in an hour at once', () => {
    const { m, cardId, due } = learningCardDueIn('60m');
    m.api.settings.update({ learnAheadMinutes: 90 });
    expect(m.api.review.next({})!.card.id).toBe(cardId);
    m.api.settings.update({ learnAheadMinutes: 0 });
    m.clock.now = due - 1;
    expect(m.api.review.next({})).toBeNull();
    m.clock.now = due;
    expect(m.api.review.next({})!.card.id).toBe(cardId);
    m.close();
  });

  it('a learning card due within the window comes after every due review and new card', () => {
    const m = tempMnemo(local(2026, 11, 29, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [soon, ...rest] = addBasicCards(m, deckId, 4) as [number, ...number[]];
    answer(m, soon, Rating.Good); // step 2 of 1m 10m: due in 10 minutes
    const order: number[] = [];
    for (let next = m.api.review.next({}); next; next = m.api.review.next({})) {
      order.push(next.card.id);
      answer(m, next.card.id, Rating.Easy);
    }
    expect(order).toEqual([...rest, soon]);
    expect(m.clock.now).toBeLessThan(m.col.card(soon)!.last_review! + 10 * MIN); // shown early
    expect(m.api.review.counts({}).counts).toEqual({ new: 0, learning: 0, review: 0 });
    m.close();
  });
});
