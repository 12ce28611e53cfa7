/**
 * Browse's text search with more matches than it counts one by one (COUNT_AHEAD past the
 * page): the total is the cards of the notes the trigram index names ("of about"), with no
 * other filter their retired cards too, and the cards of notes that hold the text only in
 * another case of a non-ASCII letter (an upper bound, exact otherwise); every page is the
 * page of the full, LIKE-checked and sorted list of matches, in due order and by the other
 * columns, with and without filters.
 */
import { describe, expect, it } from 'vitest';
import { COUNT_AHEAD, type SortColumn } from '../../core/cards/search.ts';
import { FILTERED_COUNT_CAP } from '../../core/cards/search-text.ts';
import type { Mnemo } from '../../core/index.ts';
import { seededRandom, tempMnemo } from '../helpers/collection.ts';

/** Notes that hold the text: enough for more than COUNT_AHEAD cards in one deck alone. */
const MATCHES = 3 * COUNT_AHEAD + 400;

/**
 * Notes of three kinds (a reversed one has two cards) in two decks: `MATCHES` of them hold
 * "needle" (in any ASCII case) or "äbcd", 40 hold "ÄBCD" only, the rest neither. Cards get
 * spread due dates, states, stabilities and lapses; a few are retired.
 */
function fixture(): { m: Mnemo; decks: number[] } {
  const m = tempMnemo();
  const decks = [m.api.decks.create({ name: 'A' }).id, m.api.decks.create({ name: 'B' }).id];
  const rand = seededRandom(7);
  const note = m.col.db.prepare(
    'INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, ?, ?, 0, 0) RETURNING id',
  );
  const card = m.col.db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, state, stability, difficulty, lapses, retired, last_review, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
  );
  const now = m.clock.now;
  m.col.tx(() => {
    for (let i = 0; i < MATCHES + 400; i++) {
      const kind = (['basic', 'reversed', 'cloze'] as const)[i % 3]!;
      const word =
        i < MATCHES
          ? i % 2
            ? ['needle', 'NEEDLE', 'NeeDle'][i % 3]!
            : 'äbcd'
          : i % 10 === 0
            ? 'ÄBCD'
            : 'hay';
      const text = `${i} ${word} ${Math.floor(rand() * 1000)}`;
      const fields = kind === 'cloze' ? { text: `{{c1::${text}}}` } : { front: text, back: `back ${i}` };
      const { id } = note.get(`g${i}`, kind, JSON.stringify(fields)) as { id: number };
      for (let ord = 0; ord < (kind === 'reversed' ? 2 : 1); ord++) {
        const state = Math.floor(rand() * 3);
        card.run(
          id,
          decks[Math.floor(rand() * 2)]!,
          ord,
          now + Math.floor((rand() - 0.5) * 60 * 86_400_000),
          state,
          state ? Math.round(rand() * 500) / 10 : 0,
          state ? 1 + Math.round(rand() * 90) / 10 : 0,
          Math.floor(rand() * 4),
          rand() < 0.03 ? 1 : 0,
          state ? now - Math.floor(rand() * 30 * 86_400_000) : null,
        );
      }
    }
  });
  return { m, decks };
}

interface Truth {
  id: number;
  due: number;
  state: number;
  stability: number;
  difficulty: number;
  lapses: number;
  deck: number;
  front: string;
}

/** Every live card whose text values hold `text` by LIKE, read whole and sorted in JS. */
function truth(m: Mnemo, text: string, sort?: SortColumn, descending = false): Truth[] {
  const rows = m.col.db
    .prepare(
      `SELECT c.id, c.due, c.state, c.stability, c.difficulty, c.lapses, c.deck_id AS deck,
         coalesce(json_extract(n.fields, '$.front'), json_extract(n.fields, '$.text')) AS front
       FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE c.retired = 0 AND (SELECT group_concat(value, char(10)) FROM json_each(n.fields)) LIKE ?`,
    )
    .all(`%${text}%`) as Truth[];
  const key = (r: Truth): number | null => {
    if (sort === 'lapses') return r.lapses;
    if (sort === 'deck') return r.deck; // decks A and B were made in the order of their names
    if (!sort || r.state === 0) return null; // what the table shows as "—"
    return r[sort as 'due' | 'stability' | 'difficulty'];
  };
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return (ka < kb ? -1 : 1) * (descending ? -1 : 1);
    }
    // Due date then id, reversed too when descending (ties of the key only).
    return (a.due - b.due || a.id - b.id) * (descending ? -1 : 1);
  });
}

/** Retired cards whose note holds `text` by LIKE: counted by "about" with no other filter. */
const retired = (m: Mnemo, text: string) =>
  m.col.db
    .prepare(
      `SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE c.retired = 1 AND (SELECT group_concat(value, char(10)) FROM json_each(n.fields)) LIKE ?`,
    )
    .pluck()
    .get(`%${text}%`) as number;

const ids = (m: Mnemo, args: Parameters<Mnemo['api']['cards']['search']>[0]) =>
  m.api.cards.search(args).cards.map((c) => c.id);

describe('Browse text search with very many matches', () => {
  it('counts the cards of the notes the index names, and pages through the LIKE matches in due order', () => {
    const { m } = fixture();
    const want = truth(m, 'needle').map((r) => r.id);
    expect(want.length).toBeGreaterThan(COUNT_AHEAD + 50);
    // Pages 1–3 walk the due index, 1,000 sorts the candidates (a walk would read more), the
    // last ones count every match.
    for (const offset of [0, 50, 500, 1000, want.length - 60, want.length - 20]) {
      const page = m.api.cards.search({ text: 'needle', limit: 50, offset });
      // No letter of another script in the text or the notes: "about" is the matches and the
      // retired cards of their notes, unless the count ends within COUNT_AHEAD of the page
      // (then every match is counted, exactly).
      const about = want.length >= offset + 50 + COUNT_AHEAD;
      expect(page).toMatchObject({
        total: want.length + (about ? retired(m, 'needle') : 0),
        count: about ? 'about' : 'exact',
        totalExact: !about,
      });
      expect(
        page.cards.map((c) => c.id),
        `offset ${offset}`,
      ).toEqual(want.slice(offset, offset + 50));
    }
    m.close();
  });

  it('counts notes holding the text in another case of a non-ASCII letter, but never shows them', () => {
    const { m } = fixture();
    const want = truth(m, 'äbcd').map((r) => r.id);
    // The cards whose note holds "ÄBCD" only: LIKE folds ASCII letters alone.
    const other = truth(m, 'ÄBCD').length;
    expect(other).toBeGreaterThan(10);
    const hidden = retired(m, 'äbcd') + retired(m, 'ÄBCD');
    expect(hidden).toBeGreaterThan(0);
    expect(want.length).toBeGreaterThan(COUNT_AHEAD);
    const seen: number[] = [];
    for (let offset = 0; offset < want.length + 50; offset += 50) {
      const page = m.api.cards.search({ text: 'äbcd', limit: 50, offset });
      // The documented bound: the matches ≤ about ≤ the matches + those cards + retired ones.
      expect(page.total).toBe(page.count === 'about' ? want.length + other + hidden : want.length);
      if (offset === 0) expect(page.count).toBe('about');
      seen.push(...page.cards.map((c) => c.id));
    }
    expect(seen).toEqual(want);
    m.close();
  });

  it('pages sorted by another column equal the full sort, forwards and backwards', () => {
    const { m } = fixture();
    // Stability, lapses and deck walk their index when that is cheaper than sorting the candidates.
    for (const sort of ['stability', 'lapses', 'deck'] as const) {
      for (const descending of [false, true]) {
        const want = truth(m, 'needle', sort, descending).map((r) => r.id);
        for (const offset of [0, 700]) {
          expect(
            ids(m, { text: 'needle', sort, descending, limit: 50, offset }),
            `${sort} ${descending}`,
          ).toEqual(want.slice(offset, offset + 50));
        }
      }
    }
    m.close();
  });

  it('sorted by a column an index keeps in order, pages equal the full sort: no filter, deck, state, short text', () => {
    const { m, decks } = fixture();
    for (const sort of ['due', 'stability', 'difficulty', 'lapses'] as const) {
      for (const descending of [false, true]) {
        const all = truth(m, '', sort, descending);
        const inDeck = all.filter((r) => r.deck === decks[0]);
        const short = truth(m, 'ee', sort, descending);
        expect(inDeck.length).toBeGreaterThan(COUNT_AHEAD + 70);
        expect(short.length).toBeGreaterThan(COUNT_AHEAD + 70);
        const name = `${sort} ${descending ? 'desc' : 'asc'}`;
        // The last offset reaches the new cards, read after every other one.
        for (const offset of [0, 20, all.length - 30]) {
          const page = m.api.cards.search({ sort, descending, limit: 50, offset });
          expect(
            page.cards.map((c) => c.id),
            `${name} @${offset}`,
          ).toEqual(all.slice(offset, offset + 50).map((r) => r.id));
        }
        expect(ids(m, { sort, descending, deckId: decks[0], limit: 50, offset: 20 }), name).toEqual(
          inDeck.slice(20, 70).map((r) => r.id),
        );
        expect(ids(m, { sort, descending, text: 'ee', limit: 50 }), name).toEqual(
          short.slice(0, 50).map((r) => r.id),
        );
        for (const [state, n] of [
          ['review', 2],
          ['new', 0],
        ] as const) {
          const want = all.filter((r) => r.state === n);
          expect(want.length).toBeGreaterThan(COUNT_AHEAD + 70);
          expect(ids(m, { sort, descending, state, limit: 50, offset: 20 }), `${name} ${state}`).toEqual(
            want.slice(20, 70).map((r) => r.id),
          );
        }
      }
    }
    m.close();
  });

  it('sorted by deck or state (walked deck by deck, state by state), pages equal the full sort', () => {
    const { m, decks } = fixture();
    // Decks whose names are out of id order, two equal but for case (sorted together by due
    // date), and a few suspended cards (after every state); read back in full by SQL.
    const moved = ['zz', 'b', 'ZZ', 'c sub'].map((name) => m.api.decks.create({ name }).id);
    m.col.db.exec(`UPDATE cards SET deck_id = CASE id % 7 WHEN 1 THEN ${moved[0]} WHEN 2 THEN ${moved[1]}
      WHEN 3 THEN ${moved[2]} WHEN 4 THEN ${moved[3]} ELSE deck_id END WHERE id % 3 = 0`);
    m.col.db.exec('UPDATE cards SET suspended = 1 WHERE id % 41 = 5');
    const rows = m.col.db
      .prepare(
        `SELECT c.id, c.due, c.state, c.suspended, c.deck_id AS deck, d.name FROM cards c JOIN decks d ON d.id = c.deck_id
         WHERE c.retired = 0`,
      )
      .all() as { id: number; due: number; state: number; suspended: number; deck: number; name: string }[];
    const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()); // NOCASE folds ASCII only
    const sorted = (sort: 'deck' | 'state', descending: boolean) => {
      const key = (r: (typeof rows)[number]) => (sort === 'deck' ? lower(r.name) : r.suspended ? 4 : r.state);
      const sign = descending ? -1 : 1;
      return [...rows]
        .sort((a, b) => {
          const [ka, kb] = [key(a), key(b)];
          if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
          return (a.due - b.due || a.id - b.id) * sign;
        })
        .map((r) => r.id);
    };
    const inDeck = (id: number) => rows.find((r) => r.id === id)!.deck === decks[0];
    for (const sort of ['deck', 'state'] as const) {
      for (const descending of [false, true]) {
        const all = sorted(sort, descending);
        const name = `${sort} ${descending ? 'desc' : 'asc'}`;
        expect(all.length).toBeGreaterThan(COUNT_AHEAD + 200);
        // Pages across deck and state boundaries, and the last one.
        for (const offset of [0, 20, 1200, all.length - 30]) {
          expect(ids(m, { sort, descending, limit: 50, offset }), `${name} @${offset}`).toEqual(
            all.slice(offset, offset + 50),
          );
        }
        const deckPage = all.filter(inDeck);
        expect(deckPage.length).toBeGreaterThan(COUNT_AHEAD + 70);
        expect(ids(m, { sort, descending, deckId: decks[0], limit: 50, offset: 20 }), name).toEqual(
          deckPage.slice(20, 70),
        );
        const review = all.filter((id) => {
          const r = rows.find((x) => x.id === id)!;
          return r.state === 2 && !r.suspended;
        });
        expect(review.length).toBeGreaterThan(COUNT_AHEAD + 70);
        expect(ids(m, { sort, descending, state: 'review', limit: 50, offset: 20 }), name).toEqual(
          review.slice(20, 70),
        );
      }
    }
    // Walked, not sorted whole: a deck's and a state's cards come in due order from their index
    // (only cards of the same due date are put in id order).
    for (const index of [
      'cards_deck_due WHERE deck_id = 1',
      'cards_state_due WHERE state = 2 AND suspended = 0 AND retired = 0',
    ]) {
      const plan = m.col.db
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cards INDEXED BY ${index} ORDER BY due, id`)
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
    m.close();
  });

  it('combines with the deck and state filters', () => {
    const { m, decks } = fixture();
    const inDeck = truth(m, 'needle').filter((r) => r.deck === decks[1]);
    const review = truth(m, 'needle').filter((r) => r.state === 2);
    expect(inDeck.length).toBeGreaterThan(COUNT_AHEAD + 70);
    const page = m.api.cards.search({ text: 'needle', deckId: decks[1], limit: 50, offset: 20 });
    expect(page.cards.map((c) => c.id)).toEqual(inDeck.slice(20, 70).map((r) => r.id));
    expect(page).toMatchObject({ total: inDeck.length, count: 'about' });
    const reviews = m.api.cards.search({ text: 'needle', state: 'review', limit: 50 });
    expect(reviews.cards.map((c) => c.id)).toEqual(review.slice(0, 50).map((r) => r.id));
    // Fewer than the count ahead: every match counted and sorted.
    expect(reviews).toMatchObject({ total: review.length, count: 'exact' });
    m.close();
  });
});

describe('Browse text with more candidates than FILTERED_COUNT_CAP and another filter', () => {
  it('counts up to the page and COUNT_AHEAD ("at least"), or every match when fewer, pages in due order', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'H' });
    const note = m.col.db.prepare(
      `INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, 'basic', ?, 0, 0) RETURNING id`,
    );
    const card = m.col.db.prepare(
      `INSERT INTO cards (note_id, deck_id, ord, due, state, stability, difficulty, suspended, last_review, created_at, modified_at)
       VALUES (?, ?, 0, ?, ?, ?, 5, ?, ?, 0, 0)`,
    );
    const rand = seededRandom(11);
    const now = m.clock.now;
    const n = FILTERED_COUNT_CAP + 500;
    m.col.tx(() => {
      for (let i = 0; i < n; i++) {
        const { id } = note.get(`h${i}`, JSON.stringify({ front: `haystack ${i}`, back: 'b' })) as {
          id: number;
        };
        const state = i % 2 ? 2 : 0;
        const due = now + Math.floor((rand() - 0.5) * 30 * 86_400_000);
        card.run(
          id,
          deckId,
          due,
          state,
          state ? 3 : 0,
          i % 400 === 7 ? 1 : 0,
          state ? now - 86_400_000 : null,
        );
      }
    });
    const suspended = m.col.db
      .prepare('SELECT id FROM cards WHERE suspended = 1 ORDER BY due, id')
      .pluck()
      .all() as number[];
    // The review state leaves suspended cards out.
    const review = truth(m, 'haystack').filter((r) => r.state === 2 && !suspended.includes(r.id));
    expect(review.length).toBeGreaterThan(COUNT_AHEAD + 50);
    const first = m.api.cards.search({ text: 'haystack', state: 'review', limit: 50 });
    expect(first).toMatchObject({ total: COUNT_AHEAD + 50, count: 'atLeast' });
    expect(first.cards.map((c) => c.id)).toEqual(review.slice(0, 50).map((r) => r.id));
    // Near the end every match is counted.
    const last = m.api.cards.search({
      text: 'haystack',
      state: 'review',
      limit: 50,
      offset: review.length - 30,
    });
    expect(last).toMatchObject({ total: review.length, count: 'exact' });
    expect(last.cards.map((c) => c.id)).toEqual(review.slice(-30).map((r) => r.id));
    // A filter that leaves a few: all of them, in due order, counted exactly.
    expect(suspended.length).toBeGreaterThan(5);
    const few = m.api.cards.search({ text: 'haystack', state: 'suspended', limit: 50 });
    expect(few).toMatchObject({ total: suspended.length, count: 'exact' });
    expect(few.cards.map((c) => c.id)).toEqual(suspended);
    m.close();
  });
});
