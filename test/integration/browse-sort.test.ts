import { describe, expect, it } from 'vitest';
import { SORT_COLUMNS, type SortColumn } from '../../core/cards/search.ts';
import { callMethod, MnemoError } from '../../core/index.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;

/** 31 cards in three decks with varied FSRS states, answered over 20 days. */
function collection() {
  const m = tempMnemo();
  const decks = ['b deck', 'A deck', 'c deck'].map((name) => m.api.decks.create({ name }).id);
  const ids = decks.flatMap((d, i) => addBasicCards(m, d, 10, `${'zyx'[i]}card`));
  // Mixed fronts, so that the front order is not the insertion order.
  m.api.notes.add({ deckId: decks[0]!, kind: 'reversed', fields: { front: 'Mmm', back: 'aaa back' } });
  // Every fifth card stays new; the others are answered whenever due, Again now and then
  // (more often for some cards, so that lapses differ).
  for (let day = 0; day < 40; day++) {
    for (const [i, id] of ids.entries()) {
      if (i % 5 === 4) continue;
      const card = m.api.cards.get({ cardId: id }).card;
      if (card.fsrs.state !== 'new' && card.fsrs.due > m.clock.now) continue;
      const rating = (i * 7 + day) % (3 + (i % 4)) === 0 ? 1 : 3;
      m.api.review.answer({ cardId: id, rating, durationMs: 1000 });
    }
    m.clock.advance(DAY / 2);
  }
  m.api.cards.suspend({ cardIds: [ids[7]!] });
  return m;
}

type Row = ReturnType<ReturnType<typeof tempMnemo>['api']['cards']['search']>['cards'][number];
const STATE_RANK = { new: 0, learning: 1, review: 2, relearning: 3 } as const;

/** What each column shows, as the sort key; null for "—" (sorted last either way). */
function shown(r: Row, column: SortColumn): string | number | null {
  const isNew = r.state === 'new';
  switch (column) {
    case 'front':
      return r.front.toLowerCase();
    case 'deck':
      return r.deckName.toLowerCase();
    case 'state':
      return r.suspended ? 4 : STATE_RANK[r.state];
    case 'due':
      return isNew ? null : r.due;
    case 'stability':
      return isNew ? null : r.stability;
    case 'difficulty':
      return isNew ? null : r.difficulty;
    case 'retrievability':
      return r.retrievability;
    case 'lapses':
      return r.lapses;
  }
}

function inOrder(keys: (string | number | null)[], descending: boolean): boolean {
  const present = keys.filter((k) => k !== null);
  const firstNull = keys.indexOf(null);
  if (firstNull >= 0 && keys.slice(firstNull).some((k) => k !== null)) return false;
  return present.every((k, i) => i === 0 || (descending ? present[i - 1]! >= k : present[i - 1]! <= k));
}

describe('Browse sorts every matching card in SQL, then pages', () => {
  for (const column of SORT_COLUMNS) {
    for (const descending of [false, true]) {
      it(`${column} ${descending ? 'descending' : 'ascending'}, across pages of 7`, () => {
        const m = collection();
        const total = m.api.cards.search({}).total;
        const rows: Row[] = [];
        for (let offset = 0; offset < total; offset += 7) {
          rows.push(...m.api.cards.search({ sort: column, descending, limit: 7, offset }).cards);
        }
        expect(rows).toHaveLength(total);
        expect(new Set(rows.map((r) => r.id)).size).toBe(total); // no card twice, none left out
        const keys = rows.map((r) => shown(r, column));
        expect(inOrder(keys, descending), `${column}: ${JSON.stringify(keys)}`).toBe(true);
        // Not only ordered by accident: the keys vary.
        expect(new Set(keys).size).toBeGreaterThan(2);
        m.close();
      });
    }
  }

  it('a reversed card sorts by the side it asks', () => {
    const m = collection();
    const fronts = m.api.cards.search({ sort: 'front', limit: 2 }).cards.map((r) => r.front);
    expect(fronts).toEqual(['aaa back', 'Mmm']);
    m.close();
  });

  it('refuses an unknown column', () => {
    const m = tempMnemo();
    expect(() => callMethod(m.api, 'cards.search', { sort: 'id; DROP TABLE cards' })).toThrow(MnemoError);
    m.close();
  });
});
