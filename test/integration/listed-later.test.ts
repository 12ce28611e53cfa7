/**
 * `review.next({ firstCardId })` for a learning card past the queue's first `LEARNING_LISTED`
 * (core/queue/listed-later.ts): after an undo the UI asks for the undone card first, and the
 * card is put first exactly when today's queue counts it — in the deck studied or its
 * subdecks, learning or relearning, due by the learn-ahead limit and before the day ends, not
 * suspended, buried or retired. Any other card asked for leaves the queue's first card first.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { LEARNING_LISTED } from '../../core/queue/queue.ts';
import { studyDay } from '../../core/scheduler/day.ts';
import { addBasicCards, tempDir, tempMnemo } from '../helpers/collection.ts';

const SEC = 1000;
const MIN = 60_000;
const DAY = 86_400_000;

type Mnemo = ReturnType<typeof tempMnemo>;

const answer = (m: Mnemo, cardId: number, rating: Grade) =>
  m.api.review.answer({ cardId, rating, durationMs: 1 });
const one = (m: Mnemo, deckId: number, prefix: string) => addBasicCards(m, deckId, 1, prefix)[0]!;
/** The card `review.next` shows first when `firstCardId` is asked for, and its queue. */
const firstShown = (m: Mnemo, firstCardId: number, deckId?: number) => {
  const next = m.api.review.next({ firstCardId, ...(deckId === undefined ? {} : { deckId }) });
  return [next?.card.id ?? null, next?.queue ?? null];
};
const learningCount = (m: Mnemo, deckId?: number) =>
  m.api.review.counts(deckId === undefined ? {} : { deckId }).counts.learning;

describe('a learning card the queue counts but does not list', () => {
  it('is put first when asked for in its deck, its parent or the whole collection, learning or relearning, up to the learn-ahead limit', () => {
    const t0 = Date.parse('2026-11-29T10:00:00+08:00');
    const m = tempMnemo(t0 - 3 * DAY);
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), '---\ndeck: D\n---\nretired soon::x\n\nkept::y\n');
    compileDecks(m.col, [dir]);
    const deck = (name: string) => m.api.decks.list().decks.find((d) => d.name === name)!.id;
    const d = deck('D');
    const sub = m.api.decks.create({ name: 'D::Sub' }).id;
    const e = m.api.decks.create({ name: 'E' }).id;
    const relearn = one(m, d, 'relearn');
    answer(m, relearn, 4); // a review card, due days later
    const retired = m.api.cards.search({ deckId: d, text: 'retired soon', limit: 5 }).cards[0]!.id;

    m.clock.now = t0;
    m.api.settings.update({ learnAheadMinutes: 5 });
    const fillers = addBasicCards(m, d, LEARNING_LISTED + 10);
    const [inSub, inOther, fresh, suspended, buried, exact, beyond] = [
      one(m, sub, 'sub'),
      one(m, e, 'other'),
      ...['fresh', 'suspended', 'buried', 'exact', 'beyond'].map((p) => one(m, d, p)),
    ] as number[];
    for (const id of fillers) {
      answer(m, id, 1); // due a minute later
      m.clock.advance(SEC);
    }
    for (const id of [inSub!, inOther!, suspended!, buried!, retired]) answer(m, id, 1);
    m.clock.advance(5 * SEC);
    answer(m, relearn, 1); // relearning, due 10 minutes later
    m.clock.advance(5 * SEC);
    answer(m, exact!, 3); // the second learning step, 10 minutes later
    m.clock.advance(5 * SEC);
    answer(m, beyond!, 3);
    m.api.cards.suspend({ cardIds: [suspended!] });
    m.api.cards.bury({ cardIds: [buried!] });
    writeFileSync(join(dir, 'd.md'), '---\ndeck: D\n---\nkept::y\n');
    compileDecks(m.col, [dir]);
    expect(m.col.card(retired)).toMatchObject({ retired: 1, state: 1 });
    expect(m.col.card(relearn)).toMatchObject({ state: 3, due: t0 + 65 * SEC + 10 * MIN });
    expect(m.col.card(exact!)).toMatchObject({ state: 1, due: t0 + 70 * SEC + 10 * MIN });
    expect(m.col.card(beyond!)).toMatchObject({ state: 1, due: t0 + 75 * SEC + 10 * MIN });

    // Five minutes of learn-ahead reach `exact` to the millisecond, not `beyond`.
    m.clock.now = t0 + 70 * SEC + 5 * MIN;
    // D: the fillers, its subdeck's card, the relearning card and `exact`; all: E's card too.
    expect(learningCount(m, d)).toBe(fillers.length + 3);
    expect(learningCount(m)).toBe(fillers.length + 4);
    const head = fillers[0]!;
    expect(m.api.review.next({})!.card.id).toBe(head);
    for (const [card, deckId] of [
      [inSub, d],
      [inSub, sub],
      [inSub, undefined],
      [inOther, undefined],
      [inOther, e],
      [relearn, d],
      [relearn, undefined],
      [exact, d],
    ] as const) {
      expect(firstShown(m, card!, deckId), `card ${card} in deck ${deckId}`).toEqual([card, 'learning']);
    }
    // Not counted in the deck studied, not learning, past the learn-ahead limit, hidden, or no card.
    for (const [card, deckId] of [
      [inOther, d],
      [inSub, e],
      [fresh, d],
      [beyond, d],
      [suspended, d],
      [buried, d],
      [retired, d],
      [retired, undefined],
      [999_999, undefined],
    ] as const) {
      const first = deckId === e ? inOther : head;
      expect(firstShown(m, card!, deckId), `card ${card} in deck ${deckId}`).toEqual([first, 'learning']);
    }
    m.close();
  });

  it('is due before the study day ends, and a buried one is back when the next day starts', () => {
    const day = studyDay(Date.parse('2026-11-29T10:00:00+08:00'), 4);
    const end = day.end;
    const m = tempMnemo(end - 3 * MIN);
    const d = m.api.decks.create({ name: 'D' }).id;
    const fillers = addBasicCards(m, d, LEARNING_LISTED + 5);
    const [buried, edge] = [one(m, d, 'buried'), one(m, d, 'edge')];
    for (const id of fillers) {
      answer(m, id, 1);
      m.clock.advance(SEC);
    }
    m.clock.now = end - 90 * SEC;
    answer(m, buried, 1); // due 30 s before the day ends
    m.clock.now = end - MIN;
    answer(m, edge, 1); // due when the next day starts
    m.api.cards.bury({ cardIds: [buried] });
    expect(m.col.card(edge)!.due).toBe(end);
    expect(m.col.card(buried)!.buried_until).toBe(end);

    m.clock.now = end - 30 * SEC;
    expect(learningCount(m, d)).toBe(fillers.length);
    expect(learningCount(m)).toBe(fillers.length);
    const head = fillers[0]!;
    expect(firstShown(m, edge, d)).toEqual([head, 'learning']);
    expect(firstShown(m, edge)).toEqual([head, 'learning']);
    expect(firstShown(m, buried, d)).toEqual([head, 'learning']);

    // The next study day: the buried card is back and the edge card is due, both unlisted.
    m.clock.now = end;
    expect(learningCount(m, d)).toBe(fillers.length + 2);
    expect(firstShown(m, buried, d)).toEqual([buried, 'learning']);
    expect(firstShown(m, edge, d)).toEqual([edge, 'learning']);
    m.close();
  });

  it('a review or new card undone while more learning cards are due now than listed is put first again', () => {
    const t0 = Date.parse('2026-11-29T10:00:00+08:00');
    const m = tempMnemo(t0 - 4 * DAY);
    const d = m.api.decks.create({ name: 'D' }).id;
    const [rev, notDue] = addBasicCards(m, d, 2, 'rev');
    for (const id of [rev!, notDue!]) answer(m, id, 3);
    m.clock.advance(11 * MIN);
    answer(m, rev!, 3); // a review card, due within four days
    answer(m, notDue!, 4);
    answer(m, notDue!, 4); // due weeks later
    m.clock.now = t0;
    expect(m.col.card(rev!)).toMatchObject({ state: 2 });
    expect(m.col.card(rev!)!.due).toBeLessThan(t0);
    expect(m.col.card(notDue!)!.due).toBeGreaterThan(t0 + DAY);
    m.api.presets.update({ presetId: 1, newPerDay: 100 }); // room for the fillers and one more
    const fillers = addBasicCards(m, d, LEARNING_LISTED + 5);
    const fresh = one(m, d, 'fresh');
    for (const id of fillers) answer(m, id, 1); // due a minute later
    // None due now: the review and the new card come first, the learning cards after them.
    expect(learningCount(m, d)).toBe(fillers.length);
    expect(m.api.review.next({ deckId: d })!.card.id).toBe(rev);
    answer(m, rev!, 3);
    expect(m.api.review.next({ deckId: d })!.card.id).toBe(fresh);
    answer(m, fresh, 3);
    m.clock.advance(2 * MIN);
    // Every learning card is due now and more than are listed: the list holds only those.
    const head = fillers[0]!;
    expect(m.api.review.next({ deckId: d })!.card.id).toBe(head);
    m.api.review.undo();
    expect(firstShown(m, fresh, d)).toEqual([fresh, 'new']);
    expect(firstShown(m, fresh)).toEqual([fresh, 'new']);
    m.api.review.undo();
    expect(m.api.review.counts({ deckId: d }).counts).toEqual({
      new: 1,
      learning: fillers.length,
      review: 1,
    });
    expect(firstShown(m, rev!, d)).toEqual([rev, 'review']);
    // Not in today's queue: not due, or in a deck not studied.
    expect(firstShown(m, notDue!, d)).toEqual([head, 'learning']);
    const other = m.api.decks.create({ name: 'Other' }).id;
    expect(firstShown(m, rev!, other)).toEqual([null, null]);
    m.close();
  });
});
