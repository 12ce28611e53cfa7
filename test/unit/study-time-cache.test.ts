/**
 * The study-time mapping keeps the day of each 15-minute slice of time (core/scheduler/
 * study-time.ts). One mapping asked about many times must answer each as a fresh mapping does,
 * in whatever order it is asked: around every study day's start, and where a day starts off
 * the quarter hour, as under the local mean time Shanghai kept until 1901 (+8:05:43), where a
 * slice holds the end of one study day and the start of the next. In Asia/Shanghai, the unit
 * tests' zone.
 */
import { describe, expect, it } from 'vitest';
import { studyTime } from '../../core/scheduler/study-time.ts';
import { seededRandom } from '../../core/util/random.ts';

const MIN = 60_000;
const SLICE = 15 * MIN;
const DAY = 86_400_000;

/** Times around the start of the study day on each date, a millisecond to a slice either side. */
function around(dates: [number, number, number][], hour: number): number[] {
  const out: number[] = [];
  for (const [y, m, d] of dates) {
    const start = new Date(y, m, d, hour).getTime();
    for (const off of [-SLICE, -14 * MIN, -5 * MIN, -1, 0, 1, 5 * MIN, 14 * MIN, SLICE])
      out.push(start + off);
  }
  return out;
}

/** Asked in this order of one mapping, every time maps as a fresh mapping maps it. */
function sameAsFresh(hour: number, times: number[]) {
  const kept = studyTime(hour);
  const got = times.map((t) => kept.toFsrs(t));
  const want = times.map((t) => studyTime(hour).toFsrs(t));
  expect(got).toEqual(want);
  return want;
}

describe("the study-time mapping's kept days", () => {
  for (const hour of [0, 4, 23]) {
    it(`answers as a fresh mapping, in either order, with days starting at ${hour}:00`, () => {
      const lmt: [number, number, number][] = [
        [1900, 5, 1],
        [1900, 5, 2],
        [1900, 11, 31],
        [1901, 0, 1],
        [1901, 0, 2],
      ];
      // The premise: under local mean time a study day starts off the quarter hour.
      expect(new Date(1900, 5, 1, hour).getTime() % SLICE).not.toBe(0);
      const modern: [number, number, number][] = [
        [1990, 3, 15],
        [1990, 8, 16],
        [2026, 10, 2],
      ];
      for (const dates of [lmt, modern]) {
        const times = around(dates, hour);
        const forward = sameAsFresh(hour, times);
        const backward = sameAsFresh(hour, [...times].reverse());
        expect(backward).toEqual([...forward].reverse());
        // Each day's last millisecond and its next day's first lie a study day apart.
        for (let i = 0; i < times.length; i += 9) {
          const [before, at] = [forward[i + 3]!, forward[i + 4]!];
          expect(Math.floor(at / DAY) - Math.floor(before / DAY)).toBe(1);
        }
      }
    });
  }

  it('answers as a fresh mapping for times spread over years, many in one slice', () => {
    const rnd = seededRandom(11);
    const base = new Date(1899, 0, 1).getTime();
    const times: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const t = base + Math.floor(rnd() * 130 * 365 * DAY);
      times.push(t, t + Math.floor(rnd() * SLICE), t - Math.floor(rnd() * SLICE));
    }
    sameAsFresh(4, times);
  });
});
