/**
 * FSRS counts days by the user's study day, in the user's time zone. This file runs three
 * times, under TZ=Asia/Shanghai, America/New_York and UTC (see vitest.config.ts), each with
 * day starts of 0 and 4.
 */
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Mnemo } from '../../core/index.ts';
import { addBasicCards, type TestClock, tempMnemo } from '../helpers/collection.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const zone = process.env.TZ ?? 'UTC';

const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();

/** The local start of the study day `n` days after the one containing `t`: counted by calendar, not by 24 h. */
function studyDayStartAfter(t: number, n: number, dayStart: number): number {
  const d = new Date(t);
  const sameDayStart = new Date(d.getFullYear(), d.getMonth(), d.getDate(), dayStart).getTime();
  const back = t < sameDayStart ? 1 : 0;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back + n, dayStart).getTime();
}

type Setup = Mnemo & { clock: TestClock; cardIds: number[] };

function setup(start: number, dayStart: number, cards = 2): Setup {
  const m = tempMnemo(start);
  m.api.settings.update({ dayStartHour: dayStart });
  m.api.presets.update({ presetId: 1, enableFuzz: false });
  const { id } = m.api.decks.create({ name: 'D' });
  return Object.assign(m, { cardIds: addBasicCards(m, id, cards) });
}

function answerAt(m: Setup, cardId: number, at: number, rating: Rating) {
  m.clock.now = at;
  m.api.review.answer({ cardId, rating: rating as 1 | 2 | 3 | 4, durationMs: 1000 });
  return m.col.card(cardId)!;
}

/** A card's stored state and the `after` state its last review-log row records. */
function lastLogAfter(m: Setup, cardId: number) {
  const row = m.col.db
    .prepare('SELECT after FROM review_log WHERE card_id = ? ORDER BY seq DESC LIMIT 1')
    .get(cardId) as { after: string };
  return JSON.parse(row.after) as Record<string, number>;
}

describe(`study days in ${zone}`, () => {
  for (const dayStart of [0, 4]) {
    it(`day start ${dayStart}: two answers in one study day count 0 elapsed days wherever UTC midnight falls`, () => {
      // Control: the pair mid-day. Subject: the same pair straddling UTC midnight, which in
      // Beijing is 08:00 and in New York 19:00/20:00, both inside a study day.
      const base = local(2026, 12, 2, dayStart);
      const utcMidnight = Math.ceil((base + HOUR) / DAY) * DAY; // first UTC midnight after the day starts
      const straddle = utcMidnight - 8 * MIN;
      const sameStudyDay =
        studyDayStartAfter(straddle, 0, dayStart) === studyDayStartAfter(straddle + 11 * MIN, 0, dayStart);
      const control = base + 6 * HOUR;
      const results = [control, sameStudyDay ? straddle : control + 30 * MIN].map((t) => {
        const m = setup(t - HOUR, dayStart);
        answerAt(m, m.cardIds[0]!, t, Rating.Again);
        const row = answerAt(m, m.cardIds[0]!, t + 11 * MIN, Rating.Good);
        expect(lastLogAfter(m, row.id)).toMatchObject({ elapsed_days: row.elapsed_days, due: row.due });
        m.close();
        return { row, at: t + 11 * MIN };
      });
      for (const { row } of results) expect(row.elapsed_days).toBe(0);
      const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
      expect(b.row.stability).toBe(a.row.stability);
      expect(b.row.difficulty).toBe(a.row.difficulty);
      expect(b.row.scheduled_days).toBe(a.row.scheduled_days);
    });

    it(`day start ${dayStart}: answers either side of the day start are a day apart, even minutes apart`, () => {
      const boundary = local(2026, 12, 3, dayStart);
      const m = setup(boundary - DAY, dayStart);
      answerAt(m, m.cardIds[0]!, boundary - 5 * MIN, Rating.Again);
      const crossed = answerAt(m, m.cardIds[0]!, boundary + 6 * MIN, Rating.Good);
      // The same two answers a whole day apart, mid-day: the same outcome.
      answerAt(m, m.cardIds[1]!, boundary - 10 * HOUR, Rating.Again);
      const dayApart = answerAt(m, m.cardIds[1]!, boundary + 10 * HOUR, Rating.Good);
      expect(crossed.elapsed_days).toBe(1);
      expect(dayApart.elapsed_days).toBe(1);
      expect(crossed.stability).toBe(dayApart.stability);
      expect(crossed.difficulty).toBe(dayApart.difficulty);
      expect(crossed.scheduled_days).toBe(dayApart.scheduled_days);
      expect(lastLogAfter(m, crossed.id)).toMatchObject({
        elapsed_days: 1,
        scheduled_days: crossed.scheduled_days,
      });
      m.close();
    });

    it(`day start ${dayStart}: a review N days out is due at the start of the study day N days later`, () => {
      // Answer times across a year, daylight-saving changes included (US: Mar 8 and Nov 1 2026).
      const times = [
        local(2026, 3, 7, 3, 30),
        local(2026, 3, 7, 4, 30),
        local(2026, 10, 31, 4, 30),
        local(2026, 10, 31, 23, 30),
        local(2026, 11, 1, 1, 30),
        local(2026, 12, 2, 12, 0),
      ];
      for (const at of times) {
        const m = setup(at - HOUR, dayStart, 1);
        const row = answerAt(m, m.cardIds[0]!, at, Rating.Easy);
        expect(row.scheduled_days).toBeGreaterThanOrEqual(1);
        expect(row.due, new Date(at).toString()).toBe(studyDayStartAfter(at, row.scheduled_days, dayStart));
        // Shown exactly then, not an hour early or late.
        m.clock.now = row.due - 1;
        expect(m.api.review.counts({}).counts.review).toBe(0);
        m.clock.now = row.due;
        expect(m.api.review.counts({}).counts.review).toBe(1);
        // And the next review counts the study days since this one.
        const next = answerAt(m, row.id, row.due + 2 * HOUR, Rating.Good);
        expect(next.elapsed_days).toBe(row.scheduled_days);
        m.close();
      }
    });

    it(`day start ${dayStart}: the interval a button shows is in study days and is what the answer stores`, () => {
      const at = local(2026, 12, 2, 21, 15);
      const m = setup(at - HOUR, dayStart, 1);
      answerAt(m, m.cardIds[0]!, at, Rating.Easy);
      const due = m.col.card(m.cardIds[0]!)!.due;
      m.clock.now = due + 3 * HOUR;
      const shown = m.api.review.next({})!;
      const good = shown.states.good;
      expect(good.intervalMs).toBe(good.scheduledDays * DAY);
      const row = answerAt(m, shown.card.id, m.clock.now + 5000, Rating.Good);
      expect(row.due).toBe(good.due);
      m.close();
    });
  }
});

describe(`charts count by study day in ${zone}`, () => {
  it('the history puts every answer of a study day in its bucket, on 23- and 25-hour days too', () => {
    // US daylight saving ends on Nov 1 2026 and starts on Mar 8 2026.
    for (const [y, mo, d] of [
      [2026, 11, 1],
      [2026, 3, 8],
      [2026, 12, 2],
    ] as const) {
      const m = setup(local(y, mo, d, 5), 4, 6);
      const times = [
        local(y, mo, d, 4, 5),
        local(y, mo, d, 12),
        local(y, mo, d, 23, 30),
        local(y, mo, d + 1, 3, 50),
      ];
      times.forEach((t, i) => {
        answerAt(m, m.cardIds[i]!, t, Rating.Good);
      });
      answerAt(m, m.cardIds[4]!, local(y, mo, d + 1, 4, 10), Rating.Good); // the next study day
      m.clock.now = local(y, mo, d + 1, 12);
      const history = m.api.stats.history({ days: 3 }).days;
      expect(history.map((h) => h.reviews)).toEqual([0, 4, 1]);
      expect(history[1]!.day).toBe(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      m.close();
    }
  });
});
