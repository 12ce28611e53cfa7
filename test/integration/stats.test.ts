import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).getTime();

type M = ReturnType<typeof tempMnemo>;

/** The study day (day start 04:00) a moment belongs to, named by its calendar date: worked out by hand. */
function studyDayName(t: number): string {
  const d = new Date(t);
  if (d.getHours() < 4) d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function answerAt(m: M, cardId: number, at: number, durationMs = 1000, rating: 1 | 2 | 3 | 4 = Rating.Good) {
  m.clock.now = at;
  m.api.review.answer({ cardId, rating, durationMs });
}

describe('the streak', () => {
  it('counts the days before today while today has no answer yet, and today once it has', () => {
    const m = tempMnemo(local(2026, 12, 10, 9));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 12);
    // Study day Dec 10: three answers; study day Dec 11: two, one of them at 03:30 on Dec 12.
    answerAt(m, ids[0]!, local(2026, 12, 10, 10));
    answerAt(m, ids[1]!, local(2026, 12, 10, 10, 5));
    answerAt(m, ids[2]!, local(2026, 12, 10, 23));
    answerAt(m, ids[3]!, local(2026, 12, 11, 12));
    answerAt(m, ids[4]!, local(2026, 12, 12, 3, 30));
    const today = () => m.api.stats.today();

    m.clock.now = local(2026, 12, 12, 3, 59); // still study day Dec 11, which has answers
    expect(today()).toMatchObject({ studied: 2, streakDays: 2 });
    m.clock.now = local(2026, 12, 12, 9); // study day Dec 12, nothing answered yet
    expect(today()).toMatchObject({ studied: 0, timeMs: 0, streakDays: 2 });
    answerAt(m, ids[5]!, local(2026, 12, 12, 9, 30), 4000);
    answerAt(m, ids[6]!, local(2026, 12, 12, 9, 40), 2500);
    expect(today()).toMatchObject({ studied: 2, timeMs: 6500, streakDays: 3 });
    m.clock.now = local(2026, 12, 13, 20); // a day with no answers: yesterday still counts
    expect(today().streakDays).toBe(3);
    m.clock.now = local(2026, 12, 14, 10); // two days: the streak is broken
    expect(today().streakDays).toBe(0);
    answerAt(m, ids[7]!, local(2026, 12, 14, 10, 1));
    expect(today()).toMatchObject({ studied: 1, streakDays: 1 });
    m.close();
  });

  it('is 0 with no answers at all, and follows the day start hour', () => {
    const m = tempMnemo(local(2026, 12, 10, 9));
    expect(m.api.stats.today()).toMatchObject({ studied: 0, timeMs: 0, streakDays: 0, nextDue: null });
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 2);
    answerAt(m, ids[0]!, local(2026, 12, 10, 23));
    answerAt(m, ids[1]!, local(2026, 12, 11, 2)); // study day Dec 10 with a 04:00 start
    m.clock.now = local(2026, 12, 11, 12);
    expect(m.api.stats.today().streakDays).toBe(1);
    m.api.settings.update({ dayStartHour: 0 }); // now Dec 10 and Dec 11 are two days
    expect(m.api.stats.today()).toMatchObject({ studied: 1, streakDays: 2 });
    m.close();
  });
});

/**
 * Several due cards and answers on one day, at different times: each day counts them all
 * (once, the day bucket was a fraction and each time its own group, of which a day kept one).
 */
describe('the forecast and the history', () => {
  it("counts each day's due cards, several to a day, overdue ones today; never new, suspended or reset cards", () => {
    const m = tempMnemo(local(2026, 12, 1, 10));
    const same = m.api.presets.create({ name: 'No fuzz', enableFuzz: false });
    const a = m.api.decks.create({ name: 'A', presetId: same.id });
    const b = m.api.decks.create({ name: 'B' });
    const aIds = addBasicCards(m, a.id, 4, 'a'); // identical histories: due the same day
    const bIds = addBasicCards(m, b.id, 8, 'b');
    for (const id of [...aIds, ...bIds])
      m.api.review.answer({ cardId: id, rating: Rating.Easy, durationMs: 1 });
    m.clock.now = local(2026, 12, 10, 12);
    const hard = bIds.slice(0, 2);
    for (const id of hard) m.api.review.answer({ cardId: id, rating: Rating.Hard, durationMs: 1 });
    const [learning] = addBasicCards(m, b.id, 1, 'l');
    m.api.review.answer({ cardId: learning!, rating: Rating.Good, durationMs: 1 }); // due in 10 minutes
    addBasicCards(m, b.id, 3, 'n'); // new: never in the forecast
    m.api.cards.suspend({ cardIds: [bIds[7]!] });
    m.api.cards.reset({ cardIds: [bIds[6]!] });

    const counted = [...aIds, ...bIds.slice(0, 6), learning!];
    const expected = new Map<string, number>();
    for (const id of counted) {
      const due = Math.max(m.col.card(id)!.due, m.clock.now); // overdue: today
      const name = studyDayName(due);
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const forecast = m.api.stats.forecast({ days: 60 }).days;
    expect(forecast.map((d) => d.day)).toEqual(
      Array.from({ length: 60 }, (_, i) => studyDayName(local(2026, 12, 10 + i, 12))),
    );
    expect(forecast.filter((d) => d.due > 0).map((d) => [d.day, d.due])).toEqual(
      [...expected].sort(([x], [y]) => x.localeCompare(y)),
    );
    expect(forecast[0]!.due).toBeGreaterThanOrEqual(1); // the learning card, and overdue ones
    expect(Math.max(...expected.values())).toBeGreaterThanOrEqual(4); // the four identical cards
    // A shorter window leaves later cards out.
    const week = m.api.stats.forecast({ days: 7 }).days;
    expect(week).toEqual(forecast.slice(0, 7));
    // The next due card after today's: the learning card in 10 minutes.
    expect(m.api.stats.today().nextDue).toBe(m.col.card(learning!)!.due);
    m.close();
  });

  it("gives each day's reviews and time, answers before 04:00 in the day before", () => {
    const m = tempMnemo(local(2026, 12, 1, 10));
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 10);
    answerAt(m, ids[0]!, local(2026, 12, 8, 9), 1000);
    answerAt(m, ids[1]!, local(2026, 12, 8, 21), 2000);
    answerAt(m, ids[2]!, local(2026, 12, 9, 3, 59), 4000); // study day Dec 8
    answerAt(m, ids[3]!, local(2026, 12, 9, 4), 8000); // study day Dec 9
    answerAt(m, ids[4]!, local(2026, 12, 11, 15), 16_000);
    answerAt(m, ids[5]!, local(2026, 12, 11, 15, 1), 32_000);
    answerAt(m, ids[6]!, local(2026, 12, 2, 12), 64_000); // outside a five-day window
    m.clock.now = local(2026, 12, 12, 3); // study day Dec 11
    const history = m.api.stats.history({ days: 5 }).days;
    expect(history).toEqual([
      { day: '2026-12-07', reviews: 0, timeMs: 0 },
      { day: '2026-12-08', reviews: 3, timeMs: 7000 },
      { day: '2026-12-09', reviews: 1, timeMs: 8000 },
      { day: '2026-12-10', reviews: 0, timeMs: 0 },
      { day: '2026-12-11', reviews: 2, timeMs: 48_000 },
    ]);
    expect(m.api.stats.history({ days: 10 }).days[0]).toEqual({
      day: '2026-12-02',
      reviews: 1,
      timeMs: 64_000,
    });
    m.clock.now = local(2026, 12, 12, 5);
    expect(m.api.stats.history({ days: 1 }).days).toEqual([{ day: '2026-12-12', reviews: 0, timeMs: 0 }]);
    m.close();
  });
});
