/** Numbers the home screen draws: today's work, the streak, the due forecast, past reviews. */
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';

const DAY = 86_400_000;

/** 'YYYY-MM-DD' of a study day (local time), named by the calendar day it starts on. */
function dayName(start: number): string {
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

export function statsForecast(col: Collection, days: number) {
  const day = studyDay(col.now(), col.settings().dayStartHour);
  const rows = col
    .stmt(
      `SELECT (max(due, @start) - @start) / ${DAY} AS d, count(*) AS n FROM cards
       WHERE suspended = 0 AND retired = 0 AND state <> 0 AND due < @until GROUP BY d`,
    )
    .all({ start: day.start, until: day.start + days * DAY }) as { d: number; n: number }[];
  const counts = new Map(rows.map((r) => [Math.floor(r.d), r.n]));
  return {
    days: Array.from({ length: days }, (_, i) => ({
      day: dayName(day.start + i * DAY),
      due: counts.get(i) ?? 0,
    })),
  };
}

export function statsHistory(col: Collection, days: number) {
  const day = studyDay(col.now(), col.settings().dayStartHour);
  const from = day.start - (days - 1) * DAY;
  const rows = col
    .stmt(
      `SELECT (reviewed_at - @from) / ${DAY} AS d, count(*) AS n, sum(duration_ms) AS ms FROM review_log
       WHERE reviewed_at >= @from GROUP BY d`,
    )
    .all({ from }) as { d: number; n: number; ms: number }[];
  const byDay = new Map(rows.map((r) => [Math.floor(r.d), r]));
  return {
    days: Array.from({ length: days }, (_, i) => ({
      day: dayName(from + i * DAY),
      reviews: byDay.get(i)?.n ?? 0,
      timeMs: byDay.get(i)?.ms ?? 0,
    })),
  };
}
