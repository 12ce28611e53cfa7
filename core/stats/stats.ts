/** Numbers the home screen draws: today's work, the streak, the due forecast, past reviews. */
import { nextStudyDayStart, studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';

/** 'YYYY-MM-DD' of a study day (local time), named by the calendar day it starts on. */
export function dayName(start: number): string {
  const d = new Date(start);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The review log's totals are kept per quarter hour (migration 7's review_buckets). */
const BUCKET_MS = 900_000;

/**
 * Answers and their time in [from, to) (to = null: no end). Read from the quarter-hour
 * buckets when both ends fall on a bucket's edge (every study day does, in any time zone of
 * today), else from the log itself.
 */
function answersBetween(col: Collection, from: number, to: number | null): { n: number; ms: number } {
  if (from % BUCKET_MS === 0 && (to === null || to % BUCKET_MS === 0)) {
    return col
      .stmt(
        `SELECT coalesce(sum(reviews), 0) AS n, coalesce(sum(duration_ms), 0) AS ms FROM review_buckets
         WHERE bucket >= @from AND bucket < @to`,
      )
      .get({ from: from / BUCKET_MS, to: to === null ? Number.MAX_SAFE_INTEGER : to / BUCKET_MS }) as {
      n: number;
      ms: number;
    };
  }
  return col
    .stmt(
      `SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS ms FROM review_log
       WHERE reviewed_at >= @from AND reviewed_at < @to`,
    )
    .get({ from, to: to ?? Number.MAX_SAFE_INTEGER }) as { n: number; ms: number };
}

/**
 * The earliest due date after today's work: each deck's first review due after today and
 * first learning card due after now, one index seek each (never a scan of the due cards).
 */
const NEXT_DUE_SQL = (
  states: string,
  after: string,
) => `SELECT (SELECT due FROM cards INDEXED BY cards_queue_due
  WHERE deck_id = d.id AND state <> 0 AND state = ${states} AND ${after} AND suspended = 0 AND retired = 0
  ORDER BY due LIMIT 1) AS due FROM decks d`;

export function statsToday(col: Collection) {
  const hour = col.settings().dayStartHour;
  const day = studyDay(col.now(), hour);
  const today = answersBetween(col, day.start, null);
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
      `SELECT min(due) AS due FROM (${NEXT_DUE_SQL('2', 'due >= @end')} UNION ALL ${NEXT_DUE_SQL('1', 'due > @now')}
       UNION ALL ${NEXT_DUE_SQL('3', 'due > @now')})`,
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

export function statsForecast(col: Collection, days: number) {
  const hour = col.settings().dayStartHour;
  const bounds = studyDayBounds(studyDay(col.now(), hour).start, days, hour);
  let counts: number[];
  if (bounds.every((b) => b % BUCKET_MS === 0)) {
    // From the kept quarter-hour counts of cards coming due: at most 96 rows a day, and
    // every bucket before tomorrow for today (overdue cards are due today).
    const sum = col
      .stmt('SELECT coalesce(sum(cards), 0) FROM due_counts WHERE bucket >= @from AND bucket < @to')
      .pluck();
    counts = Array.from(
      { length: days },
      (_, i) =>
        sum.get({
          from: i === 0 ? Number.MIN_SAFE_INTEGER : bounds[i]! / BUCKET_MS,
          to: bounds[i + 1]! / BUCKET_MS,
        }) as number,
    );
  } else {
    // Counted in SQL day by day, one range of the due index per deck and state.
    const count = col
      .stmt(
        `SELECT count(*) FROM cards INDEXED BY cards_queue_due WHERE deck_id IN (SELECT id FROM decks)
         AND state <> 0 AND state IN (1, 2, 3) AND due >= @from AND due < @to AND suspended = 0 AND retired = 0`,
      )
      .pluck();
    counts = Array.from(
      { length: days },
      (_, i) =>
        count.get({ from: i === 0 ? Number.MIN_SAFE_INTEGER : bounds[i]!, to: bounds[i + 1]! }) as number,
    );
  }
  return { days: counts.map((due, i) => ({ day: dayName(bounds[i]!), due })) };
}

export function statsHistory(col: Collection, days: number) {
  const hour = col.settings().dayStartHour;
  const today = studyDay(col.now(), hour).start;
  // Back from today, one study day at a time, so each bucket is exactly one study day.
  let from = today;
  for (let i = 1; i < days; i++) from = studyDay(from - 1, hour).start;
  const bounds = studyDayBounds(from, days, hour);
  return {
    days: Array.from({ length: days }, (_, i) => {
      const r = answersBetween(col, bounds[i]!, bounds[i + 1]!);
      return { day: dayName(bounds[i]!), reviews: r.n, timeMs: r.ms };
    }),
  };
}
