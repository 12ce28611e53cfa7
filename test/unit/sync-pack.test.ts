/**
 * The worker's card rows travel as one Float64Array (batch-reads.ts's packNumbers) and become
 * the same objects as the rows would: nulls come back null, numbers as they were, and a table
 * holding anything else travels as rows.
 */
import { describe, expect, it } from 'vitest';
import { packNumbers, type Table, tableObjects } from '../../core/sync/batch-reads.ts';

describe('sync: packed card rows', () => {
  it('gives back the same objects, nulls included', () => {
    const t: Table = {
      columns: ['id', 'stability', 'last_review', 'due'],
      rows: [
        [1, 2.5, null, 1_793_534_400_000],
        [7, 0, 1_793_534_000_000, -3],
        [9, 1e-9, null, 0],
      ],
    };
    const packed = packNumbers(t);
    expect(packed.rows).toEqual([]);
    expect(packed.numbers).toHaveLength(12);
    expect(packed.nullable).toEqual([2]);
    expect(tableObjects(packed)).toEqual(tableObjects(t));
    expect(tableObjects<{ last_review: number | null }>(packed)[0]!.last_review).toBeNull();
  });

  it('leaves a table with text in it as rows', () => {
    const t: Table = { columns: ['card', 'logs'], rows: [['g:abc/0', 3]] };
    expect(packNumbers(t)).toBe(t);
    expect(tableObjects(packNumbers(t))).toEqual([{ card: 'g:abc/0', logs: 3 }]);
  });

  it('packs no rows into no objects', () => {
    expect(tableObjects(packNumbers({ columns: ['id'], rows: [] }))).toEqual([]);
  });
});
