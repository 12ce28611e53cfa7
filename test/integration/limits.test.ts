import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/** `n` cards answered Easy today, so that all of them are due as reviews 100 days later. */
function reviewsDueLater(m: ReturnType<typeof tempMnemo>, deckId: number, n: number, prefix: string): void {
  m.api.presets.update({ presetId: 1, newPerDay: 9999 });
  for (const cardId of addBasicCards(m, deckId, n, prefix)) {
    m.api.review.answer({ cardId, rating: Rating.Easy, durationMs: 1 });
  }
}

describe("limits as Anki's users expect them", () => {
  it('the review limit also caps new cards, unless the preset says new cards ignore it', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    reviewsDueLater(m, deckId, 300, 'r');
    addBasicCards(m, deckId, 30, 'n');
    m.api.presets.update({ presetId: 1, newPerDay: 20, reviewsPerDay: 200 });
    m.clock.advance(100 * DAY);
    expect(m.api.review.counts({}).counts).toMatchObject({ review: 200, new: 0 });
    expect(m.api.decks.list().today).toMatchObject({ review: 200, new: 0 });
    // The queue agrees: 200 reviews and not one new card.
    const kinds = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const next = m.api.review.next({})!;
      kinds.add(next.queue);
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Good, durationMs: 1 });
    }
    expect([...kinds]).toEqual(['review']);
    expect(m.api.review.next({})).toBeNull();

    m.api.presets.update({ presetId: 1, newIgnoresReviewLimit: true });
    expect(m.api.review.counts({}).counts).toMatchObject({ review: 0, new: 20 });
    m.close();
  });

  it('new cards fill only the room reviews leave, and count toward the review limit once studied', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    reviewsDueLater(m, deckId, 190, 'r');
    addBasicCards(m, deckId, 30, 'n');
    m.api.presets.update({ presetId: 1, newPerDay: 20, reviewsPerDay: 200 });
    m.clock.advance(100 * DAY);
    expect(m.api.review.counts({}).counts).toMatchObject({ review: 190, new: 10 });
    // Four new cards studied: still 190 reviews, and six new (200 − 190 − 4).
    for (let i = 0; i < 4; i++) {
      const next = m.api.review.next({})!;
      const card =
        next.queue === 'new' ? next.card : m.api.cards.search({ state: 'new', limit: 1 }).cards[0]!;
      m.api.review.answer({ cardId: card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(m.api.review.counts({}).counts).toMatchObject({ review: 190, new: 6 });
    m.close();
  });

  it('a subdeck studied alone is capped by its parents\' limits only with "limits start from the top"', () => {
    const m = tempMnemo();
    const small = m.api.presets.create({ name: 'Small', newPerDay: 3 });
    const large = m.api.presets.create({ name: 'Large', newPerDay: 10 });
    const p = m.api.decks.create({ name: 'P', presetId: small.id });
    const c = m.api.decks.create({ name: 'P::C', presetId: large.id });
    addBasicCards(m, c.id, 12);
    const listed = () => new Map(m.api.decks.list().decks.map((d) => [d.name, d.counts.new]));
    expect(m.api.review.counts({ deckId: c.id }).counts.new).toBe(10);
    expect(listed().get('P::C')).toBe(10);
    expect(m.api.review.counts({ deckId: p.id }).counts.new).toBe(3); // the parent studied: its limit caps

    m.api.presets.update({ presetId: large.id, limitsFromTop: true });
    expect(m.api.review.counts({ deckId: c.id }).counts.new).toBe(3);
    expect(listed().get('P::C')).toBe(3);
    // Two studied in the child use up the parent's limit as well.
    for (let i = 0; i < 2; i++) {
      const { card } = m.api.review.next({ deckId: c.id })!;
      m.api.review.answer({ cardId: card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(m.api.review.counts({ deckId: c.id }).counts.new).toBe(1);
    let shown = 0;
    for (let next = m.api.review.next({ deckId: c.id }); next; next = m.api.review.next({ deckId: c.id })) {
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Easy, durationMs: 1 });
      shown++;
    }
    expect(shown).toBe(1);
    m.close();
  });

  it("with sibling burying a note's new cards count once; without it, each card counts", () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    for (let i = 0; i < 3; i++) {
      m.api.notes.add({ deckId, kind: 'reversed', fields: { front: `f${i}`, back: `b${i}` } });
    }
    m.api.notes.add({ deckId, kind: 'cloze', fields: { text: '{{c1::a}} {{c2::b}} {{c3::c}}' } });
    expect(m.api.review.counts({}).counts.new).toBe(4);
    expect(m.api.decks.list().decks[0]!.counts.new).toBe(4);
    // The queue shows one card of each note; answering it buries the rest.
    const notes = new Set<number>();
    for (let next = m.api.review.next({}); next; next = m.api.review.next({})) {
      if (next.queue !== 'new') break;
      notes.add(next.card.noteId);
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(notes.size).toBe(4);

    m.api.presets.update({ presetId: 1, burySiblings: false });
    m.api.notes.add({ deckId, kind: 'reversed', fields: { front: 'x', back: 'y' } });
    expect(m.api.review.counts({}).counts.new).toBe(2);
    expect(m.api.decks.list().decks[0]!.counts.new).toBe(2);
    m.close();
  });

  it('learning cards count when due within the learn-ahead window', () => {
    const m = tempMnemo();
    m.api.presets.update({ presetId: 1, learningSteps: '1m 60m' });
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 3);
    for (const cardId of ids) m.api.review.answer({ cardId, rating: Rating.Good, durationMs: 1 }); // due in 60m
    const counts = () => m.api.review.counts({});
    expect(counts()).toMatchObject({ counts: { learning: 0 }, learningLater: 3 });
    expect(m.api.decks.list().today.learning).toBe(0);
    m.clock.advance(41 * MIN); // 19 minutes before they are due: inside the 20-minute window
    expect(counts()).toMatchObject({ counts: { learning: 3 }, learningLater: 0 });
    expect(m.api.decks.list().today.learning).toBe(3);
    m.close();
  });

  it("a parent's limits count what its subdecks studied today, and cap its grandchildren and new cards below it", () => {
    const m = tempMnemo();
    const small = m.api.presets.create({ name: 'Small', reviewsPerDay: 4, newPerDay: 10 });
    const large = m.api.presets.create({ name: 'Large', reviewsPerDay: 100, newPerDay: 100 });
    const p = m.api.decks.create({ name: 'P', presetId: small.id });
    const c = m.api.decks.create({ name: 'P::C', presetId: large.id });
    const a = m.api.decks.create({ name: 'P::A', presetId: large.id });
    const x = m.api.decks.create({ name: 'P::A::X', presetId: large.id });
    reviewsDueLater(m, c.id, 3, 'c');
    reviewsDueLater(m, x.id, 6, 'x');
    m.clock.advance(100 * DAY);
    const reviews = (deckId: number) => m.api.review.counts({ deckId }).counts.review;
    expect([reviews(p.id), reviews(c.id), reviews(a.id), reviews(x.id)]).toEqual([4, 3, 6, 6]);
    // The grandchild's 6 reviews fit A's and X's limits, not P's 4.
    const order: string[] = [];
    for (let next = m.api.review.next({ deckId: p.id }); next; next = m.api.review.next({ deckId: p.id })) {
      order.push(next.queue);
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Good, durationMs: 1 });
      if (order.length > 9) break;
    }
    expect(order).toEqual(['review', 'review', 'review', 'review']);
    m.close();
  });

  it("reviews studied in a subdeck alone use up its parent's review limit", () => {
    const m = tempMnemo();
    const small = m.api.presets.create({ name: 'Small', reviewsPerDay: 4 });
    const large = m.api.presets.create({ name: 'Large', reviewsPerDay: 100 });
    const p = m.api.decks.create({ name: 'P', presetId: small.id });
    const c = m.api.decks.create({ name: 'P::C', presetId: large.id });
    reviewsDueLater(m, c.id, 6, 'c');
    m.clock.advance(100 * DAY);
    const { card } = m.api.review.next({ deckId: c.id })!;
    m.api.review.answer({ cardId: card.id, rating: Rating.Good, durationMs: 1 });
    expect(m.api.review.counts({ deckId: p.id }).counts.review).toBe(3);
    expect(m.api.decks.list().decks.find((d) => d.id === p.id)!.counts.review).toBe(3);
    expect(m.api.review.counts({ deckId: c.id }).counts.review).toBe(5);
    m.close();
  });

  it("with limits from the top, a subdeck's reviews in the deck list are capped by its parent's review limit", () => {
    const m = tempMnemo();
    const small = m.api.presets.create({ name: 'Small', reviewsPerDay: 3 });
    const large = m.api.presets.create({ name: 'Large', reviewsPerDay: 10, limitsFromTop: true });
    m.api.decks.create({ name: 'P', presetId: small.id });
    const c = m.api.decks.create({ name: 'P::C', presetId: large.id });
    reviewsDueLater(m, c.id, 6, 'c');
    m.clock.advance(100 * DAY);
    expect(m.api.decks.list().decks.find((d) => d.id === c.id)!.counts.review).toBe(3);
    expect(m.api.review.counts({ deckId: c.id }).counts.review).toBe(3);
    m.api.presets.update({ presetId: large.id, limitsFromTop: false });
    expect(m.api.decks.list().decks.find((d) => d.id === c.id)!.counts.review).toBe(6);
    m.close();
  });

  it('new cards below a parent fit the room its review limit leaves after the new cards taken before them', () => {
    const m = tempMnemo();
    const small = m.api.presets.create({ name: 'Small', reviewsPerDay: 3, newPerDay: 10 });
    const p = m.api.decks.create({ name: 'P', presetId: small.id });
    const c = m.api.decks.create({ name: 'P::C', presetId: small.id });
    addBasicCards(m, p.id, 2, 'p');
    addBasicCards(m, c.id, 5, 'c');
    // P's own 2 first, then 1 of C's: 3 under P's review limit of 3 (new cards count toward it).
    expect(m.api.review.counts({ deckId: p.id }).counts.new).toBe(3);
    expect(m.api.review.counts({ deckId: c.id }).counts.new).toBe(3);
    m.close();
  });
});
