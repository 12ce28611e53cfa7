/**
 * An import writes its review rows several to a statement (core/import/review-rows.ts). The
 * rows must land in the order they were added (their sequence numbers are the log's local
 * order), none may be lost at a statement's edge or in the last, partial one, and a bad row in
 * the middle of a statement fails it inside the import's transaction, storing nothing.
 */
import { describe, expect, it } from 'vitest';
import { ReviewRows, ROWS_PER_INSERT } from '../../core/import/review-rows.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');

function withCards(n: number) {
  const m = tempMnemo(T0);
  const deck = m.api.decks.create({ name: 'Rows' }).id;
  for (let i = 0; i < n; i++)
    m.api.notes.add({ deckId: deck, kind: 'basic', fields: { front: `q${i}`, back: 'a' } });
  const cards = m.col.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  return { m, deck, cards };
}

describe('review rows written several to a statement', () => {
  it('stores every row, in the order added, across full statements and the partial last one', () => {
    const { m, deck, cards } = withCards(3);
    const n = 2 * ROWS_PER_INSERT + 7;
    const rows = new ReviewRows(m.col);
    const added: string[] = [];
    m.col.tx(() => {
      for (let i = 0; i < n; i++) {
        // Times not in order, cards interleaved: only the order of adding decides the sequence.
        const id = `r${String((i * 37) % n).padStart(3, '0')}`;
        added.push(id);
        rows.add(
          id,
          cards[i % 3]!,
          deck,
          1 + (i % 4),
          'review',
          2,
          T0 - ((i * 7919) % 1000) * 60_000,
          i,
          '{}',
          '{}',
        );
      }
      // Two full statements are in; the rest waits for flush.
      expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(2 * ROWS_PER_INSERT);
      rows.flush();
      rows.flush(); // nothing left: writes nothing twice
    });
    const stored = m.col.db
      .prepare('SELECT id, card_id, rating, duration_ms FROM review_log ORDER BY seq')
      .all();
    expect(stored).toEqual(
      added.map((id, i) => ({ id, card_id: cards[i % 3], rating: 1 + (i % 4), duration_ms: i })),
    );
    // The triggers counted each row once.
    expect(m.col.db.prepare('SELECT sum(reviews) FROM review_buckets').pluck().get()).toBe(n);
    m.close();
  });

  it('a bad row inside a full statement fails the transaction and stores nothing', () => {
    const { m, deck, cards } = withCards(1);
    const before = checksum(m.col.db);
    const rows = new ReviewRows(m.col);
    expect(() =>
      m.col.tx(() => {
        for (let i = 0; i < ROWS_PER_INSERT; i++)
          rows.add(`x${i}`, cards[0]!, deck, i === 20 ? 9 : 3, 'review', 2, T0 + i, 5, '{}', '{}');
      }),
    ).toThrow(/CHECK constraint failed/);
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });
});
