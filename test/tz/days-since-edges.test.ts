/**
 * The exact moment each day count begins, as Browse's retrievability walk
 * (core/scheduler/days-since.ts) finds it, against ts-fsrs: for every count back to 8 days, the
 * retrievability ts-fsrs gives a review at that moment and a millisecond before it. The times
 * of `now` sweep the days after China's spring change of 1990 with study days starting at
 * midnight, which that night skipped: there the study-day mapping's inverse lands a
 * millisecond late for some `now`s, and the count's search by halves finds the moment. So it
 * runs in Asia/Shanghai, the zone Stryker runs every test in (worker threads ignore a TZ set
 * at run time); under New York's and UTC's clocks the same sweep checks ordinary days.
 */

import { describe, expect, it } from 'vitest';
import { daysSinceAt } from '../../core/scheduler/days-since.ts';
import { retrievability, schedulerFor } from '../../core/scheduler/fsrs.ts';
import { reviewCardRow } from '../helpers/card-row.ts';
import { presetRow } from '../helpers/preset-row.ts';

const PRESET = presetRow();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const STABILITY = 3;
const MISSED = [
  '1990-04-15T21:16:02.844Z',
  '1990-04-16T21:57:31.668Z',
  '1990-04-17T22:39:00.492Z',
  '1990-04-18T15:06:39.708Z',
  '1990-04-19T15:48:08.532Z',
  '1990-04-20T16:29:37.356Z',
  '1990-04-21T17:11:06.180Z',
];
const curve = (k: number) => schedulerFor(PRESET).forgetting_curve(k, STABILITY);

/** ts-fsrs's retrievability of a card last reviewed at `last`: it falls with each whole day. */
function tsFsrs(last: number, now: number, dayStart: number): number {
  const row = reviewCardRow({ due: now, stability: STABILITY, last_review: last });
  return retrievability(PRESET, row, now, dayStart);
}

/** The first moment in (lo, hi] whose retrievability is above `lo`'s, by halves, asking ts-fsrs. */
function rises(lo: number, hi: number, now: number, dayStart: number): number {
  const low = tsFsrs(lo, now, dayStart);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tsFsrs(mid, now, dayStart) > low) hi = mid;
    else lo = mid;
  }
  return hi;
}

describe('the moment each day count begins', () => {
  it('is the moment ts-fsrs counts one day fewer, across a night the clocks skipped', () => {
    const dayStart = 0;
    let checked = 0;
    // Every 97 minutes for a week after 15 April 1990 (Shanghai's clocks went from 00:00 to
    // 01:00), and times whose mapping's inverse was seen to miss (one for each count of 1 to 7).
    const nows: number[] = [];
    for (let now = Date.UTC(1990, 3, 15, 0, 13, 7, 451); now < Date.UTC(1990, 3, 22); now += 97 * 60_000 + 1)
      nows.push(now);
    for (const iso of MISSED) nows.push(Date.parse(iso));
    for (const now of nows) {
      const days = daysSinceAt(now, dayStart);
      for (let k = 1; k <= 8; k++) {
        // The moment the count falls from k to k - 1: k study days back, within two hours of
        // k real days back (a study day lasts 23 to 25 hours).
        const edge = rises(now - k * DAY - 2 * HOUR, now - k * DAY + 2 * HOUR, now, dayStart);
        expect(tsFsrs(edge, now, dayStart)).toBe(curve(k - 1));
        expect(tsFsrs(edge - 1, now, dayStart)).toBe(curve(k));
        expect(days(edge), `${new Date(now).toISOString()}: count ${k - 1} from ${edge}`).toBe(k - 1);
        expect(days(edge - 1), `${new Date(now).toISOString()}: count ${k} before ${edge}`).toBe(k);
        if (k === 1) expect(days.today).toBe(edge);
        checked++;
      }
    }
    expect(checked).toBe((104 + MISSED.length) * 8);
  });
});
