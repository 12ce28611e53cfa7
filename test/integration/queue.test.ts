import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { interleave, QUEUE_SQL } from '../../core/queue/queue.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;
const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();

describe("today's queue", () => {
  it('runs in the configured time zone (local-time tests below depend on it)', () => {
    expect(new Date(local(2026, 12, 1, 4)).getTimezoneOffset()).toBe(-480);
  });

  it('a review is due from the start of its study day, 04:00, not before', () => {
    const m = tempMnemo(local(2026, 11, 29, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 1);
    m.api.review.answer({ cardId: cardId!, rating: Rating.Easy, durationMs: 1 });
    const due = new Date(m.col.card(cardId!)!.due);
    expect([due.getHours(), due.getMinutes()]).toEqual([4, 0]); // answered at 10:00, due at 04:00 some days later
    m.clock.now = local(due.getFullYear(), due.getMonth() + 1, due.getDate(), 3, 59);
    expect(m.api.review.counts({}).counts.review).toBe(0);
    expect(m.api.review.next({})).toBeNull();
    m.clock.now = local(due.getFullYear(), due.getMonth() + 1, due.getDate(), 4, 0);
    expect(m.api.review.counts({}).counts.review).toBe(1);
    expect(m.api.review.next({})!.card.id).toBe(cardId);
  });

  it('daily limits reset at the configured hour: 03:59 is still yesterday', () => {
    const m = tempMnemo(local(2026, 12, 2, 3, 0));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.presets.update({ presetId: 1, newPerDay: 2 });
    addBasicCards(m, deckId, 10);
    for (let i = 0; i < 2; i++) {
      const { card } = m.api.review.next({})!;
      m.api.review.answer({ cardId: card.id, rating: Rating.Easy, durationMs: 1 });
    }
    m.clock.now = local(2026, 12, 2, 3, 59);
    expect(m.api.review.counts({}).counts.new).toBe(0);
    m.clock.now = local(2026, 12, 2, 4, 0);
    expect(m.api.review.counts({}).counts.new).toBe(2);
    // A different day start moves the boundary.
    m.api.settings.update({ dayStartHour: 5 });
    expect(m.api.review.counts({}).counts.new).toBe(0);
  });

  it("applies per-deck new and review limits, a parent's limits capping its children", () => {
    const m = tempMnemo();
    const parent = m.api.presets.create({ name: 'Parent', newPerDay: 5, reviewsPerDay: 10 });
    const child = m.api.presets.create({ name: 'Child', newPerDay: 4, reviewsPerDay: 100 });
    const p = m.api.decks.create({ name: 'P', presetId: parent.id });
    const a = m.api.decks.create({ name: 'P::A', presetId: child.id });
    const b = m.api.decks.create({ name: 'P::B', presetId: child.id });
    addBasicCards(m, a.id, 10, 'a');
    addBasicCards(m, b.id, 10, 'b');
    const counts = () => new Map(m.api.decks.list().decks.map((d) => [d.name, d.counts]));
    expect(counts().get('P::A')!.new).toBe(4);
    expect(counts().get('P::B')!.new).toBe(4);
    expect(counts().get('P')!.new).toBe(5);
    expect(m.api.review.counts({ deckId: p.id }).counts.new).toBe(5);
    expect(m.api.review.counts({ deckId: a.id }).counts.new).toBe(4);

    // Study three new cards in A (Easy: they become reviews due in days).
    for (let i = 0; i < 3; i++) {
      const { card } = m.api.review.next({ deckId: a.id })!;
      expect(card.deckId).toBe(a.id);
      m.api.review.answer({ cardId: card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(counts().get('P::A')!.new).toBe(1);
    expect(counts().get('P::B')!.new).toBe(4);
    expect(counts().get('P')!.new).toBe(2);
    // Studying P shows exactly the two new cards its limit still allows.
    const shown = new Set<number>();
    for (let next = m.api.review.next({ deckId: p.id }); next; next = m.api.review.next({ deckId: p.id })) {
      shown.add(next.card.id);
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(shown.size).toBe(2);
    expect(m.api.decks.list().today.new).toBe(0);

    // Reviews: the next day (all five are due after 60 days), P's review limit of 3 caps both children.
    m.api.presets.update({ presetId: parent.id, reviewsPerDay: 3 });
    m.clock.advance(60 * DAY);
    expect(counts().get('P::A')!.review + counts().get('P::B')!.review).toBe(5);
    expect(counts().get('P')!.review).toBe(3);
    expect(m.api.review.counts({ deckId: p.id }).counts.review).toBe(3);
  });

  it('shows due learning cards first, then interleaves reviews and new cards', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 8);
    for (const id of ids.slice(0, 4)) m.api.review.answer({ cardId: id, rating: Rating.Easy, durationMs: 1 });
    m.clock.advance(60 * DAY);
    m.api.review.answer({ cardId: ids[0]!, rating: Rating.Again, durationMs: 1 }); // relearning, due in 10m
    m.clock.advance(11 * 60_000);
    const kinds: string[] = [];
    for (let next = m.api.review.next({}); next; next = m.api.review.next({})) {
      kinds.push(next.queue);
      m.api.review.answer({ cardId: next.card.id, rating: Rating.Easy, durationMs: 1 });
    }
    expect(kinds[0]).toBe('learning');
    const rest = kinds.slice(1);
    expect(rest.filter((k) => k === 'review')).toHaveLength(3);
    expect(rest.filter((k) => k === 'new')).toHaveLength(4);
    // Mixed, not one block after the other: never three of a kind in a row.
    expect(rest.join(' ')).not.toMatch(/(new|review) \1 \1/);
  });

  it('interleave spreads new cards evenly', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual(['r1', 'n1', 'r2', 'r3', 'n2', 'r4']);
    expect(interleave(['r1', 'r2'], ['n1', 'n2', 'n3'])).toEqual(['n1', 'r1', 'n2', 'r2', 'n3']);
    expect(interleave([], ['n1'])).toEqual(['n1']);
    expect(interleave(['r1'], [])).toEqual(['r1']);
  });

  it('buries siblings of an answered card until the next day (unless the preset says not to)', () => {
    const m = tempMnemo(local(2026, 12, 3, 12));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const { cardIds } = m.api.notes.add({
      deckId,
      kind: 'reversed',
      fields: { front: 'bridge', back: '桥接' },
    });
    expect(m.api.review.counts({}).counts.new).toBe(1); // one note: its other card is buried when it is answered
    expect(m.api.decks.list().today.new).toBe(1);
    m.api.review.answer({ cardId: cardIds[0]!, rating: Rating.Easy, durationMs: 1 });
    expect(m.api.review.counts({}).counts.new).toBe(0);
    expect(m.api.cards.get({ cardId: cardIds[1]! }).card.buried).toBe(true);
    m.clock.now = local(2026, 12, 4, 4, 0);
    expect(m.api.review.next({})!.card.id).toBe(cardIds[1]);

    m.api.presets.update({ presetId: 1, burySiblings: false });
    const other = m.api.notes.add({ deckId, kind: 'reversed', fields: { front: 'host', back: '主机' } });
    m.api.review.answer({ cardId: other.cardIds[0]!, rating: Rating.Easy, durationMs: 1 });
    expect(m.api.cards.get({ cardId: other.cardIds[1]! }).card.buried).toBe(false);
  });

  it('never shows suspended or buried cards', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 3);
    m.api.cards.suspend({ cardIds: [ids[0]!] });
    m.api.cards.bury({ cardIds: [ids[1]!] });
    expect(m.api.review.counts({}).counts.new).toBe(1);
    expect(m.api.review.next({})!.card.id).toBe(ids[2]);
    expect(() => m.api.review.answer({ cardId: ids[0]!, rating: 3, durationMs: 1 })).toThrow(/suspended/);
    m.clock.advance(DAY);
    expect(m.api.review.counts({}).counts.new).toBe(2); // the bury ended, the suspension did not
  });

  it('marks a leech at the threshold: suspended by default, tagged only when configured', () => {
    for (const action of ['suspend', 'tag'] as const) {
      const m = tempMnemo();
      const { id: deckId } = m.api.decks.create({ name: 'D' });
      m.api.presets.update({ presetId: 1, leechThreshold: 3, leechAction: action });
      const [cardId] = addBasicCards(m, deckId, 1);
      m.api.review.answer({ cardId: cardId!, rating: Rating.Easy, durationMs: 1 });
      const lapses: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        m.clock.advance(200 * DAY);
        lapses.push(m.api.review.answer({ cardId: cardId!, rating: Rating.Again, durationMs: 1 }).leech);
        m.clock.advance(DAY);
        if (action === 'tag' || i < 2)
          m.api.review.answer({ cardId: cardId!, rating: Rating.Good, durationMs: 1 });
      }
      expect(lapses).toEqual([false, false, true]);
      const { card } = m.api.cards.get({ cardId: cardId! });
      expect(card).toMatchObject({ leech: true, suspended: action === 'suspend', tags: ['leech'] });
      expect(card.fsrs.lapses).toBe(3);
      m.close();
    }
  });
});

describe('queue reads', () => {
  it('are index range scans of the partial queue indexes, never table scans', () => {
    const m = tempMnemo();
    const params = {
      deck: 1,
      now: 0,
      dayEnd: 0,
      limit: 10,
      dayStart: 0,
      learnUntil: 0,
      state: 1,
      bucket: 0,
      decks: '[1]',
    };
    for (const [name, sql] of Object.entries(QUEUE_SQL)) {
      const plan = (m.col.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      expect(plan, name).not.toMatch(/\bSCAN (cards|review_log)\b/);
      if (name === 'doneToday') expect(plan).toMatch(/USING COVERING INDEX review_log_time/);
      else if (name === 'doneTodayKept')
        expect(plan).toMatch(/SEARCH deck_done USING PRIMARY KEY \(deck_id=\? AND bucket>\?\)/);
      else expect(plan, name).toMatch(/USING (COVERING )?INDEX cards_queue_(due|new)/);
    }
    m.close();
  });
});

describe('after an undo', () => {
  it('review.next can put the undone card first, as Anki shows it again', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 3);
    m.api.review.answer({ cardId: ids[0]!, rating: Rating.Again, durationMs: 1 }); // learning, due in 1m
    m.clock.advance(2 * 60_000);
    m.api.review.answer({ cardId: ids[1]!, rating: Rating.Good, durationMs: 1 });
    const { cardIds } = m.api.review.undo();
    expect(cardIds).toEqual([ids[1]]);
    expect(m.api.review.next({})!.card.id).toBe(ids[0]); // the learning card is due first
    expect(m.api.review.next({ firstCardId: ids[1]! })!.card.id).toBe(ids[1]);
    m.api.cards.suspend({ cardIds: [ids[1]!] });
    expect(m.api.review.next({ firstCardId: ids[1]! })!.card.id).toBe(ids[0]); // not studyable: ignored
  });
});
