import { describe, expect, it } from 'vitest';
import { SortedUuidv7, uuidv7 } from '../../core/review/uuid.ts';

const FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The time part as RFC 9562 lays it out: 48 bits, 12 hex digits, split 8-4. */
const timeOf = (ms: number) => {
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}`;
};

describe('uuidv7', () => {
  it('is version 7, variant 10, with the time in its first 48 bits', () => {
    for (const ms of [0, 1, 0xffffff, 0x1000000, Date.parse('2026-11-01T10:00:00Z'), 2 ** 48 - 1]) {
      const id = uuidv7(ms);
      expect(id).toMatch(FORM);
      expect(id.slice(0, 13)).toBe(timeOf(ms));
    }
  });

  it('is random past its time: ids of one moment differ, each random digit takes every value', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7(1_750_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const at of [15, 16, 20, 35]) expect(new Set(ids.map((id) => id[at])).size).toBe(16);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4); // the variant's 10xx
  });

  it('writes a time past 2^48 ms or between two ms as before, from its hex', () => {
    for (const ms of [2 ** 48, 8.64e15, 1_750_000_000_000.5, 255.5, -5000]) {
      const t = ms.toString(16).padStart(12, '0');
      expect(uuidv7(ms).slice(0, 15)).toBe(`${t.slice(0, 8)}-${t.slice(8, 12)}-7`);
    }
  });

  it("draws fresh random bits for each id: no digit follows one of the previous id's", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7(1_750_000_000_000));
    // The random hex digits (past the time, the version digit and the variant's 8-b).
    const at = [15, 16, 17, 20, 21, 22, ...Array.from({ length: 12 }, (_, i) => 24 + i)];
    for (const i of at) {
      for (const j of at) {
        let same = 0;
        for (let n = 1; n < ids.length; n++) if (ids[n]![i] === ids[n - 1]![j]) same++;
        // One in 16 by chance (about 1,250 of 20,000).
        expect(same / ids.length, `digit ${i} after the previous id's digit ${j}`).toBeLessThan(0.09);
      }
    }
  });
});

describe('SortedUuidv7', () => {
  it('makes uuidv7s of the given time that sort in the order they are made, one ms or many', () => {
    const run = new SortedUuidv7();
    const t = Date.parse('2026-11-01T10:00:00Z');
    const ids = Array.from({ length: 30_000 }, (_, i) => run.next(t + Math.floor(i / 10_000)));
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(FORM);
      expect(id.slice(0, 13)).toBe(timeOf(t + Math.floor(i / 10_000)));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts each millisecond and each run from fresh random bits', () => {
    const t = 1_750_000_000_000;
    const firsts = Array.from({ length: 2_000 }, () => new SortedUuidv7().next(t));
    expect(new Set(firsts).size).toBe(firsts.length);
    // The random digits before the counter and the counter's own take every value; its top
    // digit starts below 8 (the room to count up).
    for (const at of [15, 16, 20, 24, 29, 35]) expect(new Set(firsts.map((id) => id[at])).size).toBe(16);
    expect(new Set(firsts.map((id) => id[28])).size).toBe(8);
    const run = new SortedUuidv7();
    const a = run.next(t);
    const b = run.next(t + 1);
    expect(b.slice(14, 28)).not.toBe(a.slice(14, 28));
  });
});
