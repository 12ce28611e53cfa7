/**
 * A simulated student: answers drawn from the memory model's own probability of recall
 * (ts-fsrs's retrievability of the card at the moment it is shown), with a fixed seed, on a
 * real collection through the real API, day after day until the exam.
 */
import { describe, expect, it } from 'vitest';
import type { Mnemo } from '../../core/index.ts';
import { retrievability } from '../../core/scheduler/fsrs.ts';
import { seededRandom } from '../../core/util/random.ts';
import type { TestClock } from '../helpers/collection.ts';
import { examCollection } from '../helpers/exam-collection.ts';

const DAY = 86_400_000;
const CARDS = 2000;
const DAYS = 30;
const BUDGET = 130; // answers a day
const START = Date.parse('2026-11-01T10:00:00+08:00');

type Sim = Mnemo & { clock: TestClock; deckIds: number[] };

/** Answers one card as the model says a student would: Good with probability R, else Again. */
function answer(m: Sim, cardId: number, rand: () => number): void {
  const row = m.col.card(cardId)!;
  const p =
    row.state === 2
      ? retrievability(m.col.presetOfDeck(row.deck_id), row, m.clock.now, m.col.settings().dayStartHour)
      : 1;
  m.api.review.answer({ cardId, rating: rand() < p ? 3 : 1, durationMs: 8000 });
  m.clock.advance(8000);
}

function setUp(): { m: Sim; examId: number; examAt: number } {
  const m = examCollection({ cards: CARDS, newShare: 0.25, seed: 11, start: START });
  const examAt = START + DAYS * DAY - 3_600_000; // 09:00 on the 30th day from now
  const exam = m.api.exams.create({
    name: 'DCA',
    examAt,
    deckIds: m.deckIds,
    budgetKind: 'reviews',
    budget: BUDGET,
  });
  return { m, examId: exam.id, examAt };
}

describe('a simulated student', () => {
  it('following the plan reaches the target on exam day with fewer reviews than studying every card daily, and beats studying ahead', async () => {
    // Following the plan: each day, the plan's part of the "Study for EXAM" session.
    const plan = setUp();
    const rand = seededRandom(42);
    const perDay: number[] = [];
    const predicted = plan.m.api.exams.plan({ examId: plan.examId });
    for (let day = 0; day < DAYS; day++) {
      plan.m.clock.now = START + day * DAY;
      let n = 0;
      // Today's plan and its learning steps; the due cards beyond the budget are left.
      for (;;) {
        const next = plan.m.api.review.next({ examId: plan.examId });
        if (!next || !(next.inPlan || next.queue === 'learning')) break;
        answer(plan.m, next.card.id, rand);
        n++;
      }
      perDay.push(n);
    }
    plan.m.clock.now = plan.examAt - 3_600_000;
    const atExam = await plan.m.api.exams.forecast({ examId: plan.examId });
    const total = perDay.reduce((a, b) => a + b, 0);

    // Studying ahead, the same number of answers each day: the normal queue, then cards due soonest.
    const ahead = setUp();
    const rand2 = seededRandom(42);
    for (let day = 0; day < DAYS; day++) {
      ahead.m.clock.now = START + day * DAY;
      let n = 0;
      for (
        let next = ahead.m.api.review.next({});
        next && n < perDay[day]!;
        next = ahead.m.api.review.next({})
      ) {
        answer(ahead.m, next.card.id, rand2);
        n++;
      }
      const early = ahead.m.api.cram.start({
        kind: 'ahead',
        examId: ahead.examId,
        days: DAYS,
        limit: 10_000,
      }).cardIds;
      for (const id of early) {
        if (n >= perDay[day]!) break;
        answer(ahead.m, id, rand2);
        n++;
      }
    }
    ahead.m.clock.now = ahead.examAt - 3_600_000;
    const aheadAtExam = await ahead.m.api.exams.forecast({ examId: ahead.examId });

    const pct = (x: number) => `${((x / CARDS) * 100).toFixed(1)}%`;
    console.log(
      [
        `${CARDS} cards (25% new), ${DAYS} days, budget ${BUDGET} answers/day, target 90%`,
        `plan predicted at the start: ${pct(predicted.expectedAtExam)} (doing nothing: ${pct(predicted.expectedIfNothing)})`,
        `following the plan: ${total} answers (${Math.min(...perDay)}–${Math.max(...perDay)} a day) → ${pct(atExam.recalledAtExam)} recalled at the exam`,
        `every card every day: ${CARDS * DAYS} answers`,
        `studying ahead, same answers each day → ${pct(aheadAtExam.recalledAtExam)} recalled at the exam`,
      ].join('\n'),
    );
    expect(atExam.cards).toBe(CARDS);
    expect(atExam.recalledAtExam).toBeGreaterThanOrEqual(0.9 * CARDS);
    expect(total).toBeLessThan(CARDS * DAYS);
    expect(atExam.recalledAtExam).toBeGreaterThan(aheadAtExam.recalledAtExam);
  }, 300_000);
});
