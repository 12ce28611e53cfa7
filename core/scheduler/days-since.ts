/**
 * Whole study days since a review, as `retrievability` has ts-fsrs count them (date_diff in
 * study time, none for a review after `now`), for many reviews at one `now`: the count
 * changes only at one time a day, so those times are found once (and only as far back as
 * asked) and each review is placed among them, instead of mapping every review to study time
 * (Date arithmetic for nearly every one when they are spread over months).
 */
import { studyTime } from './study-time.ts';

const DAY = 86_400_000;

export interface DaysSince {
  (last: number): number;
  /** The first time whose reviews count 0 days (reviews from then on have retrievability 1). */
  readonly today: number;
}

export function daysSinceAt(now: number, dayStartHour: number): DaysSince {
  const time = studyTime(dayStartHour);
  const nowStudy = time.toFsrs(now);
  const exact = (last: number) =>
    last >= now ? 0 : Math.max(0, Math.floor((nowStudy - time.toFsrs(last)) / DAY));
  // edges[k - 1]: the first time that counts fewer than k days (study time only grows with
  // real time, so the count only falls). The study-day mapping's inverse names it, give or
  // take its rounding; if it is off, it is found by halves within two days of the guess.
  const edges: number[] = [];
  const edge = (k: number) => {
    const guess = Math.min(now, time.fromFsrs(nowStudy - k * DAY) + 1);
    if (exact(guess) < k && exact(guess - 1) >= k) return guess;
    let [counts, fewer] = [guess - 2 * DAY, Math.min(now, guess + 2 * DAY)];
    while (fewer - counts > 1) {
      const mid = Math.floor((counts + fewer) / 2);
      if (exact(mid) < k) fewer = mid;
      else counts = mid;
    }
    return fewer;
  };
  const count = (last: number) => {
    if (last >= now) return 0;
    while (!edges.length || edges.at(-1)! > last) edges.push(edge(edges.length + 1));
    // The count is how many edges come after `last`: the first edge at or before it, by halves.
    let [lo, hi] = [0, edges.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= last) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return Object.assign(count, { today: edge(1) });
}
