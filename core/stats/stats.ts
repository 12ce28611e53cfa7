/** Numbers the home screen draws: today's work, the streak, the due forecast, past reviews. */
import { nextStudyDayStart, studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';

/** 'YYYY-MM-DD' of a study day (local time), named by the calendar day it starts on. */
export function dayName(start: number): string {
  const d = new Date(start);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function statsToday(col: Collection) {
  const hour = col.settings().dayStartHour;
  const day = studyDay(col.now(), hour);
  const today = col
    .stmt('SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS ms FROM review_log WHERE reviewed_at >= ?')
    .get(day.start) as { n: number; ms: number };
  // Streak: consecutive study days with at least one answer, ending today (or yesterday).
  const check = col.stmt('SELECT 1 FROM review_log WHERE reviewed_at >= ? AND reviewed_at < ? LIMIT 1');
  let streak = 0;
  let start = today.n > 0 ? day.start : studyDay(day.start - 1, hour).start;
  while (check.get(start, studyDay(start, hour).end)) {
    streak++;
    start = studyDay(start - 1, hour).start;
  }
  const next = col
    .stmt(
      `SELECT min(due) AS due FROM cards WHERE suspended = 0 AND retired = 0 AND state <> 0 AND (
         (state = 2 AND due >= @end) OR (state IN (1, 3) AND due > @now))`,
    )
    .get({ end: day.end, now: col.now() }) as { due: number | null };
  return { studied: today.n, timeMs: today.ms, streakDays: streak, nextDue: next.due };
}

/**
 * The starts of `count` consecutive study days from the one starting at `start`, and the end
 * of the last: days are counted by the calendar (a daylight-saving day is 23 or 25 hours),
 * never as multiples of 24 hours.
 */
function studyDayBounds(start: number, count: number, dayStartHour: number): number[] {
  const bounds = [start];
  for (let i = 0; i < count; i++) bounds.push(nextStudyDayStart(bounds[i]!, dayStartHour));
  return bounds;
}

/** The index of the day in `bounds` that holds `t` (bounds ascending; t within them). */
function dayIndex(bounds: number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function statsForecast(col: Collection, days: number) {
  const hour = col.settings().dayStartHour;
  const bounds = studyDayBounds(studyDay(col.now(), hour).start, days, hour);
  const dues = col
    .stmt(`SELECT due FROM cards WHERE suspended = 0 AND retired = 0 AND state <> 0 AND due < @until`)
    .pluck()
    .all({ until: bounds[days]! }) as number[];
  const counts = new Array<number>(days).fill(0);
  // Overdue cards are due today.
  for (const due of dues) counts[due < bounds[0]! ? 0 : dayIndex(bounds, due)]! += 1;
  return { days: counts.map((due, i) => ({ day: dayName(bounds[i]!), due })) };
}

export function statsHistory(col: Collection, days: number) {
  const hour = col.settings().dayStartHour;
  const today = studyDay(col.now(), hour).start;
  // Back from today, one study day at a time, so each bucket is exactly one study day.
  let from = today;
  for (let i = 1; i < days; i++) from = studyDay(from - 1, hour).start;
  const bounds = studyDayBounds(from, days, hour);
  const perDay = col.stmt(
    'SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS ms FROM review_log WHERE reviewed_at >= ? AND reviewed_at < ?',
  );
  return {
    days: Array.from({ length: days }, (_, i) => {
      const r = perDay.get(bounds[i], bounds[i + 1]) as { n: number; ms: number };
      return { day: dayName(bounds[i]!), reviews: r.n, timeMs: r.ms };
    }),
  };
}
