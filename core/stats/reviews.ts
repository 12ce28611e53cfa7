/**
 * The review log's figures for the Stats screen, over the last 365 study days: answers and
 * time per day (the calendar heatmap and the reviews chart), the answer buttons by card kind
 * and the hours of the day (last 30, 90 and 365 days, as Anki's graphs offer them), and true
 * retention per day, week and month.
 *
 * Definitions follow Anki (manual "Statistics", rslib/src/stats/graphs/*.rs):
 * - an answer is a graded answer (Again…Easy); manual rows (reset, set due) are not answers;
 * - answer buttons: learning = learning, relearning and cram answers; young / mature =
 *   review answers of a card whose interval was under / at least 21 days (buttons.rs);
 * - hours: answers per local hour of the day, and the share passed (not Again), cram
 *   previews and manual rows left out (hours.rs);
 * - true retention: "only one review per day — the first one — counts; Again is a fail;
 *   Hard, Good and Easy a pass; mature means an interval of 21 days or more" (manual, True
 *   Retention Table), over answers that affect scheduling of cards with an interval
 *   (retention.rs). "First of the day" is read from the answer itself: the card's previous
 *   answer (`before.last_review`) was before this study day began, so a second look at a
 *   card the same day (study ahead, a learning step) never counts twice.
 * Days are study days (the day start hour, local time), as everywhere in Mnemo.
 */
import type { Collection } from '../store/collection.ts';
import { buildPendingIndexes, hasPendingIndexes } from '../store/pending-indexes.ts';
import { hoursBetween, pastDays } from './days.ts';
import { CODE, cardKind, decode, INDEX, PREVIOUS, retentionKind } from './review-index.ts';
import type { StatsScope } from './scope.ts';
import { dayName } from './stats.ts';

export const YEAR_DAYS = 365;
export const PERIODS = [30, 90, 365] as const;

export interface DayReviews {
  day: string;
  /** Answers by the card's kind at the time (Anki's reviews graph); `cram`: preview answers. */
  learning: number;
  relearning: number;
  young: number;
  mature: number;
  cram: number;
  reviews: number;
  timeMs: number;
}

/** Again, Hard, Good, Easy counts per card kind. */
export interface Buttons {
  learning: [number, number, number, number];
  young: [number, number, number, number];
  mature: [number, number, number, number];
}

export interface HourRow {
  hour: number;
  reviews: number;
  passed: number;
}

export interface Retention {
  youngPassed: number;
  youngFailed: number;
  maturePassed: number;
  matureFailed: number;
}

export interface RetentionRow extends Retention {
  /** First and last study day of the row. */
  from: string;
  to: string;
  young: number | null;
  mature: number | null;
  total: number | null;
}

export interface PeriodStats {
  days: (typeof PERIODS)[number];
  reviews: number;
  timeMs: number;
  buttons: Buttons;
  /** Null for periods longer than the one asked for (reading hours costs one query per hour). */
  hours: HourRow[] | null;
}

export interface ReviewStats {
  /** The last 365 study days, oldest first, today last. */
  days: DayReviews[];
  periods: PeriodStats[];
  retention: {
    /** Anki's table: today, yesterday, the last 7, 30 and 365 days. */
    table: (RetentionRow & { period: 'today' | 'yesterday' | 'week' | 'month' | 'year' })[];
    byDay: RetentionRow[];
    byWeek: RetentionRow[];
    byMonth: RetentionRow[];
  };
}

const emptyButtons = (): Buttons => ({ learning: [0, 0, 0, 0], young: [0, 0, 0, 0], mature: [0, 0, 0, 0] });
const emptyRetention = (): Retention => ({
  youngPassed: 0,
  youngFailed: 0,
  maturePassed: 0,
  matureFailed: 0,
});

/** The group codes the log holds, each found by one index seek. */
function presentCodes(col: Collection): number[] {
  const next = col.stmt(`SELECT min(${CODE}) FROM review_log INDEXED BY ${INDEX} WHERE ${CODE} > ?`).pluck();
  const codes: number[] = [];
  for (let c = next.get(-1) as number | null; c !== null; c = next.get(c) as number | null) codes.push(c);
  return codes;
}

/** `hoursDays`: the longest period whose hours of the day are read (the screen's chosen one). */
export function reviewStats(col: Collection, scope: StatsScope, hoursDays: Period = 365): ReviewStats {
  // Its index, if a bulk import left it for later (its queries name it).
  if (hasPendingIndexes(col)) buildPendingIndexes(col.db, [INDEX]);
  return col.db.transaction(() => read(col, scope, hoursDays))();
}

export type Period = (typeof PERIODS)[number];

function read(col: Collection, scope: StatsScope, hoursDays: Period): ReviewStats {
  const hour = col.settings().dayStartHour;
  const bounds = pastDays(col.now(), YEAR_DAYS, hour);
  const names = bounds.slice(0, YEAR_DAYS).map(dayName);
  const inScope = scope.cardIds === null ? '' : 'AND card_id IN (SELECT value FROM json_each(@cards))';
  const args = scope.cardIds === null ? {} : { cards: scope.cardIds };
  const codes = presentCodes(col).map(decode);
  const dayRanges = JSON.stringify(names.map((_, i) => [bounds[i], bounds[i + 1]]));

  const days: DayReviews[] = names.map((day) => ({
    day,
    learning: 0,
    relearning: 0,
    young: 0,
    mature: 0,
    cram: 0,
    reviews: 0,
    timeMs: 0,
  }));
  const dayButtons = names.map(emptyButtons);
  const dayRetention = names.map(emptyRetention);
  if (codes.length) {
    const range = `reviewed_at >= d.value ->> 0 AND reviewed_at < d.value ->> 1 ${inScope}`;
    const perCodeAndDay = (codeList: number[], aggregate: string) =>
      col.db
        .prepare(
          `SELECT c.value, d.key, (SELECT ${aggregate} FROM review_log INDEXED BY ${INDEX} WHERE ${CODE} = c.value AND ${range})
           FROM json_each(@codes) c, json_each(@days) d`,
        )
        .raw()
        .all({ ...args, codes: JSON.stringify(codeList), days: dayRanges }) as [
        number,
        number,
        string | number,
      ][];
    // One index range per (code, study day): the answers and their time.
    const byCode = new Map(codes.map((c) => [c.code, c]));
    for (const [code, i, json] of perCodeAndDay(
      codes.map((c) => c.code),
      'json_array(count(*), total(duration_ms))',
    )) {
      const [n, ms] = JSON.parse(json as string) as [number, number];
      if (n === 0) continue;
      const c = byCode.get(code)!;
      const kind = cardKind(c);
      if (!kind) continue;
      const day = days[i]!;
      day.reviews += n;
      day.timeMs += ms;
      if (c.kind === 'cram') day.cram += n;
      else if (c.kind === 'relearning') day.relearning += n;
      else day[kind] += n;
      dayButtons[i]![kind][c.rating - 1]! += n;
      // An answer more than 25 hours after the card's previous one is its first of the day.
      const r = retentionKind(c);
      if (r && !c.recent) dayRetention[i]![`${r}${c.rating > 1 ? 'Passed' : 'Failed'}`] += n;
    }
    // The others: first of the day when the previous answer was before the day began.
    const recent = codes.filter((c) => c.recent && retentionKind(c));
    if (recent.length) {
      for (const [code, i, n] of perCodeAndDay(
        recent.map((c) => c.code),
        `count(*) FILTER (WHERE coalesce(${PREVIOUS}, 0) < d.value ->> 0)`,
      )) {
        const c = byCode.get(code)!;
        if (n) dayRetention[i]![`${retentionKind(c)!}${c.rating > 1 ? 'Passed' : 'Failed'}`] += n as number;
      }
    }
  }

  return {
    days,
    periods: periods(col, codes, bounds, days, dayButtons, inScope, args, hoursDays),
    retention: retention(names, dayRetention),
  };
}

/** Sums per period (the last 30, 90, 365 days) and the hours of the day within each. */
function periods(
  col: Collection,
  codes: ReturnType<typeof decode>[],
  bounds: number[],
  days: DayReviews[],
  dayButtons: Buttons[],
  inScope: string,
  args: object,
  hoursDays: Period,
): PeriodStats[] {
  const out: PeriodStats[] = PERIODS.map((n) => {
    const from = YEAR_DAYS - n;
    const buttons = emptyButtons();
    for (let i = from; i < YEAR_DAYS; i++) {
      for (const k of ['learning', 'young', 'mature'] as const) {
        for (let r = 0; r < 4; r++) buttons[k][r]! += dayButtons[i]![k][r]!;
      }
    }
    const slice = days.slice(from);
    return {
      days: n,
      reviews: slice.reduce((s, d) => s + d.reviews, 0),
      timeMs: slice.reduce((s, d) => s + d.timeMs, 0),
      buttons,
      hours:
        n <= hoursDays ? Array.from({ length: 24 }, (_, hour) => ({ hour, reviews: 0, passed: 0 })) : null,
    };
  });
  // Anki's hours leave out cram previews (its filtered reviews) and manual rows.
  const counted = codes.filter((c) => cardKind(c) && c.kind !== 'cram').map((c) => c.code);
  if (!counted.length) return out;
  const failed = codes.filter((c) => counted.includes(c.code) && c.rating === 1).map((c) => c.code);
  const hours = hoursBetween(bounds[YEAR_DAYS - hoursDays]!, bounds[YEAR_DAYS]!);
  const count = (list: number[]) =>
    list.length
      ? `(SELECT count(*) FROM review_log INDEXED BY ${INDEX}
          WHERE ${CODE} IN (${list.join(',')}) AND reviewed_at >= h.value ->> 0 AND reviewed_at < h.value ->> 1 ${inScope})`
      : '0';
  const rows = col.db
    .prepare(`SELECT h.key, ${count(counted)}, ${count(failed)} FROM json_each(@hours) h`)
    .raw()
    .all({ ...args, hours: JSON.stringify(hours.map((h) => [h.start, h.end])) }) as [
    number,
    number,
    number,
  ][];
  // Which period an hour belongs to: by the study day it falls in (bounds ascending).
  let day = YEAR_DAYS - hoursDays;
  for (const [i, n, failedN] of rows) {
    if (n === 0) continue;
    const h = hours[i]!;
    while (bounds[day + 1]! <= h.start) day++;
    for (const p of out) {
      if (!p.hours || day < YEAR_DAYS - p.days) continue;
      const row = p.hours[h.hour]!;
      row.reviews += n;
      row.passed += n - failedN;
    }
  }
  return out;
}

function ratio(passed: number, failed: number): number | null {
  return passed + failed > 0 ? passed / (passed + failed) : null;
}

function row(names: string[], counts: Retention[], from: number, to: number): RetentionRow {
  const sum = emptyRetention();
  for (let i = Math.max(0, from); i <= to; i++) {
    const c = counts[i]!;
    sum.youngPassed += c.youngPassed;
    sum.youngFailed += c.youngFailed;
    sum.maturePassed += c.maturePassed;
    sum.matureFailed += c.matureFailed;
  }
  return {
    ...sum,
    from: names[Math.max(0, from)]!,
    to: names[to]!,
    young: ratio(sum.youngPassed, sum.youngFailed),
    mature: ratio(sum.maturePassed, sum.matureFailed),
    total: ratio(sum.youngPassed + sum.maturePassed, sum.youngFailed + sum.matureFailed),
  };
}

function retention(names: string[], counts: Retention[]): ReviewStats['retention'] {
  const last = YEAR_DAYS - 1;
  const table = [
    { period: 'today' as const, ...row(names, counts, last, last) },
    { period: 'yesterday' as const, ...row(names, counts, last - 1, last - 1) },
    { period: 'week' as const, ...row(names, counts, last - 6, last) },
    { period: 'month' as const, ...row(names, counts, last - 29, last) },
    { period: 'year' as const, ...row(names, counts, 0, last) },
  ];
  const byDay = Array.from({ length: 30 }, (_, i) => row(names, counts, last - 29 + i, last - 29 + i));
  // Weeks of 7 study days ending today, the last 52 of them.
  const byWeek = Array.from({ length: 52 }, (_, i) =>
    row(names, counts, last - 7 * (52 - i) + 1, last - 7 * (51 - i)),
  );
  // The last 12 calendar months (of the study days' dates), the current one last; the oldest may be cut short by the year.
  const byMonth: RetentionRow[] = [];
  let start = last;
  for (let i = last; i >= 0; i--) {
    if (i === 0 || names[i - 1]!.slice(0, 7) !== names[i]!.slice(0, 7)) {
      if (i > 0 || byMonth.length < 12) byMonth.unshift(row(names, counts, i, start));
      start = i - 1;
    }
    if (byMonth.length === 12) break;
  }
  return { table, byDay, byWeek, byMonth };
}
