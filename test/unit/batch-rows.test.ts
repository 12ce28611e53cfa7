/**
 * A large merge's bulk reads travel as tables (core/sync/batch-reads.ts): rows of arrays, or
 * numbers packed row after row. `rowsBy` gives their rows by one column, built when first
 * asked for, exactly as `tableObjects` builds every row.
 */
import { describe, expect, it } from 'vitest';
import { packed, rowsBy, type Table, tableObjects } from '../../core/sync/batch-reads.ts';

const cards: Table = {
  columns: ['id', 'due', 'last_review'],
  rows: [
    [7, 1000, null],
    [3, 2000, 1500],
    [12, 3000, null],
  ],
};

const heads: Table = {
  columns: ['card', 'event', 'later'],
  rows: [
    ['g:a/0', 'e1', 0],
    ['g:b/1', 'e2', 1],
  ],
};

describe('rowsBy', () => {
  it('finds each row of a packed numeric table by its id, null back from NaN', () => {
    const numbers = packed(cards);
    expect(numbers.numbers).toBeInstanceOf(Float64Array);
    const byId = rowsBy<number, { id: number; due: number; last_review: number | null }>(numbers, 'id');
    expect(byId.get(3)).toEqual({ id: 3, due: 2000, last_review: 1500 });
    expect(byId.get(12)).toEqual({ id: 12, due: 3000, last_review: null });
    expect(byId.get(5)).toBeUndefined();
    // Built once: the merge plans a card and writes it with the same row.
    expect(byId.get(7)).toBe(byId.get(7));
    expect([7, 3, 12].map((id) => byId.get(id))).toEqual(tableObjects(numbers));
  });

  it('finds rows of arrays by a text column, and refuses a column the table lacks', () => {
    const byCard = rowsBy<string, { card: string; event: string; later: number }>(heads, 'card');
    expect(byCard.get('g:b/1')).toEqual({ card: 'g:b/1', event: 'e2', later: 1 });
    expect(byCard.get('g:c/0')).toBeUndefined();
    expect(['g:a/0', 'g:b/1'].map((k) => byCard.get(k))).toEqual(tableObjects(heads));
    expect(() => rowsBy(heads, 'id')).toThrow(/no column id/);
  });
});
