/**
 * The whole study days since a review that Browse's retrievability walk counts
 * (core/scheduler/days-since.ts) against ts-fsrs's own count: for cards reviewed at random
 * times over a year and a millisecond either side of each day's change, the curve at that
 * count is exactly the retrievability ts-fsrs gives, around daylight-saving changes too, under
 * each of the three time zones (see vitest.config.ts), with day starts of 0 and 4, and around
 * Shanghai's own summer time of 1990.
 */

import { describe, expect, it } from 'vitest';
import { daysSinceAt } from '../../core/scheduler/days-since.ts';
import { retrievability, schedulerFor } from '../../core/scheduler/fsrs.ts';
import { reviewCardRow } from '../helpers/card-row.ts';
import { seededRandom } from '../helpers/collection.ts';
import { presetRow } from '../helpers/preset-row.ts';

const PRESET = presetRow();

const DAY = 86_400_000;

describe('days since a review, as ts-fsrs counts them', () => {
  for (const dayStart of [0, 4]) {
    it(`gives ts-fsrs's retrievability with day start ${dayStart}`, () => {
      const rand = seededRandom(5 + dayStart);
      // Just after the spring and autumn changes (in New York), and an ordinary day.
      for (const now of [
        new Date(2026, 2, 9, 10, 17).getTime(),
        new Date(2026, 10, 2, 2, 30).getTime(),
        new Date(2026, 5, 15, 23, 59).getTime(),
        // China kept summer time from 1986 to 1991 (1990: from 15 April to 16 September), so
        // these cross a change in Asia/Shanghai too, where Stryker runs every test.
        new Date(1990, 3, 20, 9, 40).getTime(),
        new Date(1990, 8, 18, 3, 20).getTime(),
      ]) {
        const days = daysSinceAt(now, dayStart);
        const lasts = Array.from({ length: 1500 }, () => now - Math.floor(rand() * 400 * DAY));
        // A millisecond either side of the moment each count begins, found by ts-fsrs itself.
        for (let k = 1; k < 30; k++) {
          const t = now - k * DAY;
          lasts.push(t - 1, t, t + 1, t - 3_600_000, t + 3_600_000);
        }
        lasts.push(days.today - 1, days.today, now, now + 1000);
        for (const last of lasts) {
          const stability = 0.5 + rand() * 50;
          const row = reviewCardRow({ due: now, stability: stability, last_review: last });
          const want = retrievability(PRESET, row, now, dayStart);
          const got = schedulerFor(PRESET).forgetting_curve(days(last), +stability.toFixed(8));
          expect(got, `last review ${new Date(last).toString()}`).toBe(want);
          expect(last >= days.today, 'reviewed today').toBe(want === 1);
        }
      }
    });
  }
});
