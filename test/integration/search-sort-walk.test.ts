/**
 * Browse sorted by front and by retrievability with many matches walks migration 14's
 * indexes (core/cards/search-front.ts, search-recall.ts) instead of sorting every card: every
 * page must be the page of the full sort, computed here by sorting every card in JS (the
 * front by SQLite's NOCASE, the retrievability through ts-fsrs with each deck's preset), with
 * ties, several presets, reviews less than a day ago and in the future, both directions and
 * the deck and state filters.
 */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { SearchFilters, SearchState } from '../../core/cards/search.ts';
import { frontPage } from '../../core/cards/search-front.ts';
import { recallPage } from '../../core/cards/search-recall.ts';

type Mnemo = ReturnType<typeof tempMnemo>;

import type { CardRow } from '../../core/model/types.ts';
import { retrievability } from '../../core/scheduler/fsrs.ts';
import { seededRandom, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;
const CARDS = 3600;

/** Three decks on three presets (two of them with other decays); notes of three kinds. */
function fixture(): { m: Mnemo; decks: number[] } {
  const m = tempMnemo();
  const presets = [0.1542, 0.5, 0.3].map((decay, i) =>
    i === 0 ? 1 : m.api.presets.create({ name: `P${i}`, fsrsWeights: [...default_w.slice(0, 20), decay] }).id,
  );
  const decks = ['A', 'b', 'C'].map((name, i) => m.api.decks.create({ name, presetId: presets[i] }).id);
  const rand = seededRandom(11);
  const note = m.col.db.prepare(
    'INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, ?, ?, 0, 0) RETURNING id',
  );
  const card = m.col.db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, state, stability, difficulty, lapses, suspended, retired,
       last_review, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
  );
  const now = m.clock.now;
  const long = 'The same first forty characters, then: ';
  const stabilities = [0.5, 1, 2.3, 7, 30, 120];
  m.col.tx(() => {
    for (let i = 0, cards = 0; cards < CARDS; i++) {
      const kind = (['basic', 'reversed', 'cloze', 'basic'] as const)[i % 4]!;
      // Ties: the same words in other cases, 40 equal characters that differ later, and a
      // few hundred identical fronts; non-ASCII letters, which NOCASE does not fold.
      const words = [
        `word ${i % 97}`,
        `WORD ${i % 97}`,
        `${long}${i % 13}`,
        'Äpfel',
        'äpfel',
        'same',
        `${i}`,
      ];
      const text = words[Math.floor(rand() * words.length)]!;
      const fields =
        kind === 'cloze'
          ? { text: `{{c1::${text}}} {{c2::x}}` }
          : { front: text, back: words[Math.floor(rand() * words.length)]! };
      const { id } = note.get(`g${i}`, kind, JSON.stringify(fields)) as { id: number };
      for (let ord = 0; ord < (kind === 'basic' ? 1 : 2); ord++, cards++) {
        const state = Math.floor(rand() * 4);
        const last = [now - Math.floor(rand() * 60 * DAY), now - Math.floor(rand() * DAY), now + 3_600_000][
          Math.floor(rand() * 3)
        ]!;
        // Some stabilities and reviews shared: equal retrievabilities, ordered by due date.
        const stability = rand() < 0.3 ? stabilities[Math.floor(rand() * 6)]! : 0.1 + rand() * 400;
        card.run(
          id,
          decks[Math.floor(rand() * 3)]!,
          ord,
          rand() < 0.2 ? now : now + Math.floor((rand() - 0.5) * 60 * DAY),
          state,
          state ? stability : 0,
          state ? 1 + rand() * 9 : 0,
          Math.floor(rand() * 4),
          rand() < 0.05 ? 1 : 0,
          rand() < 0.03 ? 1 : 0,
          state ? (rand() < 0.2 ? now - 40 * DAY : last) : null,
        );
      }
    }
  });
  return { m, decks };
}

/** SQLite's NOCASE: bytes compared with A–Z folded to a–z. */
const nocase = (a: string, b: string) => {
  const fold = (s: string) => Buffer.from(s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  return Buffer.compare(fold(a), fold(b));
};

type Row = CardRow & { kind: string; fields: string };

/** Every matching card sorted in JS: the full sort's order, NULLs last, ties by due then id. */
function truth(
  m: Mnemo,
  sort: 'front' | 'retrievability',
  descending: boolean,
  deckId?: number,
  state?: SearchState,
) {
  const where = ['c.retired = 0'];
  if (deckId) where.push(`c.deck_id = ${deckId}`);
  if (state)
    where.push(
      `c.suspended = 0 AND c.state IN (${{ new: '0', learning: '1, 3', review: '2' }[state as 'new']})`,
    );
  const rows = m.col.db
    .prepare(
      `SELECT c.*, n.kind, n.fields FROM cards c JOIN notes n ON n.id = c.note_id WHERE ${where.join(' AND ')}`,
    )
    .all() as Row[];
  const { dayStartHour } = m.col.settings();
  const key = (r: Row): string | number | null => {
    if (sort === 'retrievability') {
      return r.state === 0
        ? null
        : retrievability(m.col.presetOfDeck(r.deck_id), r, m.clock.now, dayStartHour);
    }
    const f = JSON.parse(r.fields) as Record<string, string>;
    return (r.kind === 'cloze' ? f.text : r.kind === 'reversed' && r.ord === 1 ? f.back : f.front) ?? null;
  };
  const keyed = rows.map((r) => ({ r, k: key(r) }));
  const sign = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      const c = typeof a.k === 'number' ? a.k - (b.k as number) : nocase(a.k, b.k as string);
      if (c) return c * sign;
    }
    return (a.r.due - b.r.due || a.r.id - b.r.id) * sign;
  });
  return keyed.map((x) => x.r.id);
}

const search = (m: Mnemo, f: Omit<SearchFilters, 'limit' | 'offset'> & { offset: number }) =>
  m.api.cards.search({ limit: 50, ...f }).cards.map((c) => c.id);

describe('Browse sorted by front or retrievability, walking an index', () => {
  for (const sort of ['front', 'retrievability'] as const) {
    it(`gives every page of the full sort by ${sort}, both directions, with filters`, () => {
      const { m, decks } = fixture();
      const cases: { deckId?: number; state?: SearchState }[] = [
        {},
        { deckId: decks[1] },
        { state: 'learning' },
      ];
      for (const descending of [false, true]) {
        for (const c of cases) {
          const want = truth(m, sort, descending, c.deckId, c.state);
          expect(want.length).toBeGreaterThan(1100);
          // Every page without a filter (the ties fall on some), a few with one.
          const pages = Object.keys(c).length
            ? [0, 50, 700, want.length - 30]
            : Array.from({ length: Math.ceil(want.length / 50) }, (_, p) => p * 50);
          for (const offset of pages) {
            const label = `${sort} ${descending ? 'desc' : 'asc'} ${JSON.stringify(c)} offset ${offset}`;
            expect(search(m, { sort, descending, offset, ...c }), label).toEqual(
              want.slice(offset, offset + 50),
            );
          }
        }
      }
    });
  }

  it('finds the pages by the walks themselves, not by a fall-back to the full sort', () => {
    const { m } = fixture();
    const order = (d: string) =>
      `CASE WHEN n.kind = 'cloze' THEN json_extract(n.fields, '$.text')
      WHEN n.kind = 'reversed' AND c.ord = 1 THEN json_extract(n.fields, '$.back')
      ELSE json_extract(n.fields, '$.front') END COLLATE NOCASE ${d} NULLS LAST, c.due ${d}, c.id ${d}`;
    const check = () => {
      for (const descending of [false, true]) {
        const params = { now: m.clock.now, offset: 100, limit: 50 };
        const d = descending ? 'DESC' : 'ASC';
        expect(frontPage(m.col, descending, ['c.retired = 0'], params, order(d))).toEqual(
          truth(m, 'front', descending).slice(100, 150),
        );
        expect(recallPage(m.col, descending, ['c.retired = 0'], params)).toEqual(
          truth(m, 'retrievability', descending).slice(100, 150),
        );
      }
    };
    check();
    // Without reversed notes the fronts' walk alone is the page, in its own order: every page
    // (runs of 40 equal characters fall on some).
    m.col.db.exec("DELETE FROM notes WHERE kind = 'reversed'");
    check();
    for (const descending of [false, true]) {
      const want = truth(m, 'front', descending);
      for (let offset = 0; offset < want.length; offset += 50) {
        const page = frontPage(
          m.col,
          descending,
          ['c.retired = 0'],
          { offset, limit: 50 },
          order(descending ? 'DESC' : 'ASC'),
        );
        expect(page ?? want.slice(offset, offset + 50), `offset ${offset}`).toEqual(
          want.slice(offset, offset + 50),
        );
      }
    }
  });

  it('keeps the front index in step when a note is edited', () => {
    const { m } = fixture();
    const first = truth(m, 'front', false)[0]!;
    const noteId = m.col.db.prepare('SELECT note_id FROM cards WHERE id = ?').pluck().get(first) as number;
    m.col.db
      .prepare(
        "UPDATE notes SET fields = json_set(fields, '$.front', 'zzzz last', '$.back', 'zzzz last', '$.text', 'zzzz last') WHERE id = ?",
      )
      .run(noteId);
    const want = truth(m, 'front', false);
    expect(want[0]).not.toBe(first);
    expect(search(m, { sort: 'front', offset: 0 })).toEqual(want.slice(0, 50));
  });
});
