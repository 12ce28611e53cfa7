/**
 * The Stats screen counts answers by study day and local hour in the user's time zone. Runs
 * under TZ=Asia/Shanghai, America/New_York and UTC (vitest.config.ts); every time below is a
 * local time of that zone, so the expectations hold in each, and New York's 25-hour day (the
 * end of daylight saving time, 2026-11-01) is checked where it happens.
 */
import { describe, expect, it } from 'vitest';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';
import { logRows, type Row } from '../helpers/review-rows.ts';

const HOUR = 3_600_000;
const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();

describe(`stats by study day and hour (${process.env.TZ})`, () => {
  it('counts an answer before the day start hour to the previous study day, and in its local hour', () => {
    const m = tempMnemo(local(2026, 11, 3, 12));
    const deck = m.api.decks.create({ name: 'D' }).id;
    const [a, b, c] = addBasicCards(m, deck, 3);
    const review = (card: number, at: number, rating: 1 | 3 = 3): Row => ({
      card,
      at,
      rating,
      kind: 'review',
      interval: 30,
      previous: at - 30 * 24 * HOUR,
    });
    logRows(m, [
      review(a!, local(2026, 11, 2, 23, 30)),
      review(b!, local(2026, 11, 3, 0, 15)),
      review(c!, local(2026, 11, 3, 3, 59), 1), // still study day Nov 2 (day start 04:00)
      review(a!, local(2026, 11, 3, 4, 0)), // study day Nov 3
      review(b!, local(2026, 11, 3, 11, 45), 1),
    ]);
    const r = m.api.stats.reviews({});
    expect(r.days.slice(-2).map((d) => [d.day, d.reviews])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-03', 2],
    ]);
    const hours = r.periods[0]!.hours!.filter((h) => h.reviews).map((h) => [h.hour, h.reviews, h.passed]);
    expect(hours).toEqual([
      [0, 1, 1],
      [3, 1, 0],
      [4, 1, 1],
      [11, 1, 0],
      [23, 1, 1],
    ]);
    expect(r.retention.table.slice(0, 2).map((x) => [x.period, x.maturePassed, x.matureFailed])).toEqual([
      ['today', 1, 1],
      ['yesterday', 2, 1],
    ]);
    m.close();
  });

  it('counts every hour of a daylight-saving day once', () => {
    const m = tempMnemo(local(2026, 11, 2, 12));
    const deck = m.api.decks.create({ name: 'D' }).id;
    const [a, b] = addBasicCards(m, deck, 2);
    const first = local(2026, 11, 1, 1, 30);
    const later = first + HOUR; // New York: 01:30 again (EST); elsewhere 02:30
    const rows: Row[] = [first, later].map((at, i) => ({
      card: i ? b! : a!,
      at,
      rating: 3,
      kind: 'review',
      interval: 5,
      previous: null,
    }));
    logRows(m, rows);
    const r = m.api.stats.reviews({});
    // Both before 04:00: study day Oct 31, however long its night.
    expect(r.days.find((d) => d.day === '2026-10-31')!.reviews).toBe(2);
    const repeated = new Date(later).getHours() === 1;
    const hours = r.periods[0]!.hours!.filter((h) => h.reviews).map((h) => [h.hour, h.reviews]);
    expect(hours).toEqual(
      repeated
        ? [[1, 2]]
        : [
            [1, 1],
            [2, 1],
          ],
    );
    if (process.env.TZ === 'America/New_York') expect(repeated).toBe(true);
    m.close();
  });
});
