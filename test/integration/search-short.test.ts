/**
 * Browse's text of 1–2 characters, below a trigram, on a collection larger than SHORT_SCAN:
 * rare text reads the SHORT_SCAN oldest cards and says so (its results are theirs, in due
 * order, and nothing beyond them is claimed); common text fills its count within them and
 * pages on as before; asked to, the search reads every card.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { COUNT_AHEAD, SHORT_SCAN } from '../../core/cards/search.ts';
import { tempMnemo } from '../helpers/collection.ts';

const CARDS = SHORT_SCAN + 2000;

/**
 * CARDS one-card notes, due one minute apart in an order unlike their ids (the order they were
 * added). "龘" is in 4 cards within the SHORT_SCAN oldest and 3 beyond; "x" in every third card
 * by due date; one of the oldest cards is retired (not counted, not read).
 */
function fixture() {
  const m = tempMnemo();
  const { id: deckId } = m.api.decks.create({ name: 'D' });
  const note = m.col.db.prepare(
    `INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, 'basic', ?, 0, 0) RETURNING id`,
  );
  const card = m.col.db.prepare(
    'INSERT INTO cards (note_id, deck_id, ord, due, retired, created_at, modified_at) VALUES (?, ?, 0, ?, ?, 0, 0) RETURNING id',
  );
  // The i-th card added holds 龘 for these i (the retired one is i = 10: the oldest SHORT_SCAN
  // live cards are i = 0 … SHORT_SCAN).
  const rareAt = [3, 700, 31_000, SHORT_SCAN - 2, SHORT_SCAN + 5, SHORT_SCAN + 900, CARDS - 1];
  const rare = new Map<number, number>(); // due rank → card id
  const rareInFirst: number[] = [];
  let retired = 0;
  m.col.tx(() => {
    for (let i = 0; i < CARDS; i++) {
      // Ids ascend while due ranks run in a scrambled order.
      const rank = (i * 7919) % CARDS;
      const front = `${rareAt.includes(i) ? '龘' : 'q'}${rank % 3 === 0 ? 'x' : 'y'} ${rank}`;
      const { id } = note.get(`g${i}`, JSON.stringify({ front, back: 'b' })) as { id: number };
      const isRetired = i === 10;
      const cardId = (card.get(id, deckId, m.clock.now + rank * 60_000, isRetired ? 1 : 0) as { id: number })
        .id;
      if (isRetired) retired = cardId;
      if (rareAt.includes(i)) rare.set(rank, cardId);
      if (rareAt.includes(i) && i <= SHORT_SCAN) rareInFirst.push(rank);
    }
  });
  const byDue = (ranks: number[]) => ranks.sort((a, b) => a - b).map((r) => rare.get(r)!);
  return { m, deckId, rareInFirst: byDue(rareInFirst), rareAll: byDue([...rare.keys()]), retired };
}

describe('Browse text below a trigram on a large collection', () => {
  // One collection for both tests (the searches change nothing): it takes seconds to fill.
  let made: ReturnType<typeof fixture> | undefined;
  const fixtureOnce = () => {
    made ??= fixture();
    return made;
  };
  afterAll(() => made?.m.close());

  it('reads the SHORT_SCAN oldest cards for rare text, says so, and reads all when asked', () => {
    const { m, rareInFirst, rareAll } = fixtureOnce();
    const live = CARDS - 1;
    const first = m.api.cards.search({ text: '龘', limit: 2 });
    expect(first).toMatchObject({
      total: 4,
      count: 'exact',
      searched: { cards: SHORT_SCAN, of: live },
    });
    expect(first.cards.map((c) => c.id)).toEqual(rareInFirst.slice(0, 2));
    expect(m.api.cards.search({ text: '龘', limit: 2, offset: 2 }).cards.map((c) => c.id)).toEqual(
      rareInFirst.slice(2, 4),
    );
    // Two characters, and sorted by another column: the same cards.
    const two = m.api.cards.search({ text: '龘x', limit: 50, sort: 'lapses' });
    expect(two.searched).toEqual({ cards: SHORT_SCAN, of: live });
    expect(two.cards.map((c) => c.id).sort()).toEqual(
      rareInFirst.filter((id) => m.api.cards.get({ cardId: id }).card.front.includes('龘x')).sort(),
    );
    // No match in the first cards: nothing found, and said where it looked.
    expect(m.api.cards.search({ text: '鼍', limit: 50 })).toMatchObject({
      total: 0,
      searched: { cards: SHORT_SCAN, of: live },
    });
    // Asked to read everything: every match, nothing said about a part.
    const all = m.api.cards.search({ text: '龘', limit: 50, scanAll: true });
    expect(all).toMatchObject({ total: rareAll.length, count: 'exact', searched: null });
    expect(all.cards.map((c) => c.id)).toEqual(rareAll);
  });

  it('common text fills its count within the first cards and pages on past them', () => {
    const { m, retired } = fixtureOnce();
    // Every third card by due rank holds "x" (17,334 of them; the retired one does not).
    const matches = Math.ceil(CARDS / 3);
    expect(m.api.cards.search({ text: 'x', limit: 50, offset: 100 })).toMatchObject({
      total: 100 + 50 + COUNT_AHEAD,
      count: 'atLeast',
      searched: null,
    });
    // A page past the first SHORT_SCAN cards, counted to the end.
    const page = m.api.cards.search({ text: 'x', limit: 50, offset: 16_700 });
    expect(page).toMatchObject({ total: matches, count: 'exact', searched: null });
    expect(page.cards[0]!.front).toBe(`qx ${3 * 16_700}`);
    expect(page.cards.at(-1)!.front).toBe(`qx ${3 * 16_749}`);
    expect(page.cards.map((c) => c.id)).not.toContain(retired);
  });
});
