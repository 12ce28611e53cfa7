import { fsrs } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { CODE, INDEX } from '../../core/stats/review-index.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';
import { logRows, type Row } from '../helpers/review-rows.ts';

const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();
const DAY = 86_400_000;
const NOW = local(2026, 11, 29, 10); // study day 2026-11-29 (day start 04:00)

/**
 * Cards A–D in "Lang" (D in its subdeck "Lang::Verbs"), E in "Other"; every answer known:
 * what each one counts toward is written beside it.
 */
function fixture() {
  const m = tempMnemo(NOW);
  const lang = m.api.decks.create({ name: 'Lang' }).id;
  const verbs = m.api.decks.create({ name: 'Lang::Verbs' }).id;
  const other = m.api.decks.create({ name: 'Other' }).id;
  const [a, b, c] = addBasicCards(m, lang, 3, 'lang');
  const [d] = addBasicCards(m, verbs, 1, 'verb');
  const [e] = addBasicCards(m, other, 1, 'other');
  const rows: Row[] = [
    // Study day Nov 28
    {
      card: c!,
      at: local(2026, 11, 29, 2, 30),
      rating: 2,
      kind: 'review',
      interval: 3,
      previous: local(2026, 11, 25, 9),
      ms: 500,
    }, // 02:30 belongs to Nov 28: young pass
    {
      card: a!,
      at: local(2026, 11, 28, 20),
      rating: 4,
      kind: 'review',
      interval: 21,
      previous: local(2026, 11, 7, 9),
      ms: 500,
    }, // mature (21 days) pass
    // Study day Nov 29 (today)
    {
      card: a!,
      at: local(2026, 11, 29, 9),
      rating: 3,
      kind: 'review',
      interval: 30,
      previous: local(2026, 11, 28, 20),
      ms: 1000,
    }, // mature pass
    {
      card: a!,
      at: local(2026, 11, 29, 9, 30),
      rating: 1,
      kind: 'review',
      interval: 40,
      previous: local(2026, 11, 29, 9),
      ms: 2000,
    }, // same card again today: not counted in retention
    {
      card: b!,
      at: local(2026, 11, 29, 8),
      rating: 1,
      kind: 'review',
      interval: 5,
      previous: local(2026, 11, 24, 8),
      ms: 3000,
    }, // young fail
    {
      card: b!,
      at: local(2026, 11, 29, 8, 10),
      rating: 3,
      kind: 'relearning',
      interval: 0,
      previous: local(2026, 11, 29, 8),
      ms: 4000,
    }, // relearning step
    {
      card: c!,
      at: local(2026, 11, 29, 5),
      rating: 3,
      kind: 'review',
      interval: 1,
      previous: local(2026, 11, 29, 2, 30),
      ms: 5000,
    }, // first today (previous was Nov 28's): young pass
    {
      card: d!,
      at: local(2026, 11, 29, 9, 10),
      rating: 3,
      kind: 'learning',
      interval: 0,
      previous: null,
      ms: 6000,
    }, // a new card
    {
      card: e!,
      at: local(2026, 11, 29, 9, 20),
      rating: 2,
      kind: 'review',
      interval: 25,
      previous: local(2026, 10, 30, 9),
      ms: 7000,
    }, // mature pass (deck Other)
    {
      card: a!,
      at: local(2026, 11, 29, 9, 40),
      rating: 1,
      kind: 'cram',
      interval: 40,
      previous: local(2026, 11, 29, 9, 30),
      ms: 8000,
    }, // a preview: reviews and buttons only
    {
      card: b!,
      at: local(2026, 11, 29, 9, 50),
      rating: 0,
      kind: 'manual',
      interval: 0,
      previous: local(2026, 11, 29, 8, 10),
      ms: 0,
    }, // a reset: not an answer
  ];
  logRows(m, rows);
  return { m, ids: { a: a!, b: b!, c: c!, d: d!, e: e! }, decks: { lang, verbs, other } };
}

describe('stats.reviews on a known review log', () => {
  it('counts answers per study day by kind, with their time, 365 days ending today', () => {
    const { m } = fixture();
    const { days } = m.api.stats.reviews({});
    expect(days).toHaveLength(365);
    expect(days.at(-1)).toEqual({
      day: '2026-11-29',
      learning: 1,
      relearning: 1,
      young: 2,
      mature: 3,
      cram: 1,
      reviews: 8,
      timeMs: 1000 + 2000 + 3000 + 4000 + 5000 + 6000 + 7000 + 8000,
    });
    expect(days.at(-2)).toMatchObject({ day: '2026-11-28', young: 1, mature: 1, reviews: 2, timeMs: 1000 });
    expect(days[0]!.day).toBe('2025-11-30');
    expect(days.reduce((n, d) => n + d.reviews, 0)).toBe(10);
    m.close();
  });

  it('counts answer buttons by card kind, and the hours of the day without previews', () => {
    const { m } = fixture();
    const month = m.api.stats.reviews({}).periods.find((p) => p.days === 30)!;
    expect(month.buttons).toEqual({ learning: [1, 0, 2, 0], young: [1, 1, 1, 0], mature: [1, 1, 1, 1] });
    expect(month.reviews).toBe(10);
    const hoursOf = (rows: { hour: number; reviews: number; passed: number }[] | null) =>
      Object.fromEntries(rows!.filter((h) => h.reviews).map((h) => [h.hour, [h.reviews, h.passed]]));
    expect(hoursOf(month.hours)).toEqual({ 2: [1, 1], 5: [1, 1], 8: [2, 1], 9: [4, 3], 20: [1, 1] });
    // Asked for one month's hours only: the longer periods have none, the month the same.
    const short = m.api.stats.reviews({ hoursDays: 30 }).periods;
    expect(short.map((p) => p.hours === null)).toEqual([false, true, true]);
    expect(hoursOf(short[0]!.hours)).toEqual(hoursOf(month.hours));
    expect(() => m.api.stats.reviews({ hoursDays: 7 } as never)).toThrow(/hoursDays must be 30, 90 or 365/);
    m.close();
  });

  it("computes true retention from each card's first answer of the day", () => {
    const { m } = fixture();
    const { table, byDay, byMonth, byWeek } = m.api.stats.reviews({}).retention;
    const today = table.find((r) => r.period === 'today')!;
    expect(today).toMatchObject({ youngPassed: 1, youngFailed: 1, maturePassed: 2, matureFailed: 0 });
    expect([today.young, today.mature, today.total]).toEqual([0.5, 1, 0.75]);
    expect(table.find((r) => r.period === 'yesterday')).toMatchObject({
      youngPassed: 1,
      youngFailed: 0,
      maturePassed: 1,
      matureFailed: 0,
      total: 1,
    });
    expect(table.find((r) => r.period === 'week')).toMatchObject({
      youngPassed: 2,
      youngFailed: 1,
      maturePassed: 3,
      matureFailed: 0,
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(byDay).toHaveLength(30);
    expect(byDay.at(-1)).toMatchObject({ from: '2026-11-29', total: 0.75 });
    expect(byDay.at(-3)).toMatchObject({ total: null, young: null, mature: null });
    expect(byWeek).toHaveLength(52);
    expect(byWeek.at(-1)).toMatchObject({ from: '2026-11-23', to: '2026-11-29', youngFailed: 1 });
    expect(byMonth).toHaveLength(12);
    expect(byMonth.at(-1)).toMatchObject({ from: '2026-11-01', to: '2026-11-29', maturePassed: 3 });
    expect(byMonth.at(-2)).toMatchObject({ from: '2026-10-01', to: '2026-10-31', maturePassed: 0 });
    m.close();
  });

  it('follows the day start hour: with days starting at midnight, 02:30 is today', () => {
    const { m } = fixture();
    m.api.settings.update({ dayStartHour: 0 });
    const r = m.api.stats.reviews({});
    expect(r.days.at(-1)!.reviews).toBe(9);
    expect(r.days.at(-2)!.reviews).toBe(1);
    // C's 05:00 answer now follows its 02:30 one the same day: only the first counts.
    expect(r.retention.table.find((x) => x.period === 'today')).toMatchObject({
      youngPassed: 1,
      youngFailed: 1,
    });
    m.close();
  });

  it('reads answers made through the app the same way', () => {
    const m = tempMnemo(NOW);
    const deck = m.api.decks.create({ name: 'D' }).id;
    const [x, y] = addBasicCards(m, deck, 2);
    for (const [card, rating] of [
      [x, 3],
      [x, 3],
      [y, 1],
      [y, 3],
      [y, 3],
    ] as const) {
      m.api.review.answer({ cardId: card!, rating, durationMs: 2000 });
      m.clock.advance(60_000);
    }
    const r = m.api.stats.reviews({});
    expect(r.days.at(-1)).toMatchObject({ learning: 5, reviews: 5, timeMs: 10_000 });
    expect(r.periods[0]!.buttons.learning).toEqual([1, 0, 4, 0]);
    // Learning answers of new cards never count toward true retention.
    expect(r.retention.table[0]).toMatchObject({ total: null });
    m.close();
  });
});

describe('the scope', () => {
  it('a deck with its subdecks counts its cards only; an exam its scope', () => {
    const { m, decks } = fixture();
    const lang = m.api.stats.reviews({ deckId: decks.lang });
    expect(lang.days.at(-1)!.reviews).toBe(7); // E's answer is in Other
    expect(lang.retention.table[0]).toMatchObject({ maturePassed: 1, youngPassed: 1, youngFailed: 1 });
    const verbs = m.api.stats.reviews({ deckId: decks.verbs });
    expect(verbs.days.at(-1)).toMatchObject({ learning: 1, reviews: 1 });
    expect(m.api.stats.cards({ deckId: decks.lang }).counts.total).toBe(4);
    const exam = m.api.exams.create({
      name: 'Other only',
      examAt: NOW + 10 * DAY,
      deckIds: [decks.other],
      budgetKind: 'reviews',
      budget: 20,
    });
    const screen = m.api.stats.screen({ examId: exam.id });
    expect(screen.scope).toEqual({ kind: 'exam', id: exam.id, name: 'Other only' });
    expect(screen.reviews.days.at(-1)).toMatchObject({ mature: 1, reviews: 1 });
    expect(screen.cards.counts.total).toBe(1);
    m.close();
  });

  it('refuses a missing deck or exam, and both at once, naming them', () => {
    const { m, decks } = fixture();
    expect(() => m.api.stats.screen({ deckId: 999 })).toThrow(/deck 999 does not exist/);
    expect(() => m.api.stats.cards({ examId: 999 })).toThrow(/exam 999 does not exist/);
    expect(() => m.api.stats.reviews({ deckId: decks.lang, examId: 1 })).toThrow(/not both/);
    expect(() => m.api.stats.reviews({ deckId: -1 } as never)).toThrow(/deckId/);
    m.close();
  });
});

describe('stats.cards', () => {
  it('counts cards by state, forecasts 30 study days and sums retrievability with ts-fsrs', () => {
    const m = tempMnemo(NOW);
    const deck = m.api.decks.create({ name: 'D' }).id;
    const ids = addBasicCards(m, deck, 12);
    const set = m.col.db.prepare(
      'UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, scheduled_days = ?, last_review = ?, suspended = ?, buried_until = ? WHERE id = ?',
    );
    // [state, due, stability, difficulty, interval, last review (days ago, same time of day), suspended, buried]
    const cards: [number, number, number, number, number, number | null, number, number][] = [
      [2, local(2026, 11, 29, 23), 10, 1, 10, 5, 0, 0], // young, due today
      [2, local(2026, 11, 30, 3), 30, 10, 30, 20, 0, 0], // mature, due at 03:00 tomorrow: still today's study day
      [2, local(2026, 11, 30, 5), 40, 5.5, 21, 2, 0, 0], // mature (21 days), due tomorrow
      [2, local(2026, 11, 26, 12), 3, 4, 3, 6, 0, 0], // young, overdue: counted today
      [2, local(2026, 12, 28, 12), 100, 7, 60, 31, 0, 0], // mature, day 29 of the forecast
      [2, local(2026, 12, 29, 12), 100, 7, 60, 31, 0, 0], // day 30: beyond the forecast
      [1, local(2026, 11, 29, 10, 10), 2, 6, 0, 0, 0, 0], // learning, due in 10 minutes
      [3, local(2026, 11, 29, 10, 30), 1.5, 8, 0, 0, 0, 0], // relearning
      [2, local(2026, 11, 29, 23), 10, 1, 10, 5, 1, 0], // suspended: counted as such, not forecast
      [2, local(2026, 12, 5, 12), 10, 1, 10, 5, 0, NOW + DAY], // buried
    ];
    for (const [i, [state, due, s, d, ivl, ago, susp, buried]] of cards.entries()) {
      set.run(state, due, s, d, ivl, ago === null ? null : NOW - ago * DAY, susp, buried, ids[i]);
    }
    const c = m.api.stats.cards({});
    expect(c.counts).toEqual({
      new: 2,
      learning: 1,
      relearning: 1,
      young: 2,
      mature: 4,
      suspended: 1,
      buried: 1,
      total: 12,
    });
    expect(c.forecast.days).toHaveLength(30);
    expect(c.forecast.days.slice(0, 2)).toEqual([
      { day: '2026-11-29', due: 5 },
      { day: '2026-11-30', due: 1 },
    ]);
    expect(c.forecast.overdue).toBe(1);
    expect(c.forecast.days[6]).toEqual({ day: '2026-12-05', due: 1 }); // buried cards are still due
    expect(c.forecast.days[29]).toEqual({ day: '2026-12-28', due: 1 });
    expect(c.forecast.days.reduce((n, d) => n + d.due, 0)).toBe(8);

    // Retrievability: ts-fsrs's forgetting curve at whole study days since the last review.
    const f = fsrs();
    const studied = cards.filter((x) => x[6] === 0);
    const expected = studied.reduce((sum, [, , s, , , ago]) => sum + f.forgetting_curve(ago ?? 0, s), 0);
    expect(c.studied).toBe(9);
    expect(c.recalledNow).toBeCloseTo(expected, 10);
    expect(c.retrievability.bins.reduce((n, b) => n + b.cards, 0)).toBe(9);
    expect(c.retrievability.bins.at(-1)).toMatchObject({ from: 95, to: 100 });
    // Stability 10 (×2: the young and the buried card), 30 and 40, 3, 100 ×2, 2, 1.5.
    const stab = Object.fromEntries(c.stability.bins.filter((b) => b.cards).map((b) => [b.from, b.cards]));
    expect(stab).toEqual({ 1: 1, 2: 1, 3: 1, 10: 2, 30: 2, 90: 2 });
    // Difficulty on 0–100%: 1 → 0 (×2), 10 → 100 (the top bin), 5.5 → 50 and 6 → 55.6.
    expect(c.difficulty.bins.map((b) => b.cards)).toEqual([2, 0, 0, 1, 0, 2, 2, 1, 0, 1]);
    expect(c.desiredRetention).toEqual([{ presetId: 1, name: 'Default', desiredRetention: 0.9, cards: 12 }]);
    m.close();
  });
});

describe('the review index', () => {
  it('is read without a table lookup or a sort', () => {
    const { m } = fixture();
    // The expression written in migration 6 and the one the queries use must match word for word.
    const plan = m.col.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT count(*), total(duration_ms) FROM review_log INDEXED BY ${INDEX} WHERE ${CODE} = ? AND reviewed_at >= ? AND reviewed_at < ?`,
      )
      .all(1, 0, 1) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([expect.stringContaining(`USING COVERING INDEX ${INDEX}`)]);
    m.close();
  });
});
