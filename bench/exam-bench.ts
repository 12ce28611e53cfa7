/**
 * Exam benchmarks on the 100,000-card collection: the forecast over every card, a 60-day
 * plan over 20,000 cards, and an answer in an exam session beside a normal one. Floors are
 * ts-fsrs's own retrievability over the same cards, measured in the same run.
 */
import type { Card } from 'ts-fsrs';
import { getExam } from '../core/exams/exams.ts';
import { examForecast } from '../core/exams/forecast.ts';
import { openMnemo } from '../core/index.ts';
import type { CardRow } from '../core/model/types.ts';
import { schedulerFor, toFsrsCard } from '../core/scheduler/fsrs.ts';
import { type Row, summarize, time } from './table.ts';

const DAY = 86_400_000;

/** ts-fsrs get_retrievability of every card at each of `moments`: the floor of predicting recall. */
function retrievabilityFloor(
  rows: CardRow[],
  presetOf: (r: CardRow) => ReturnType<typeof schedulerFor>,
  moments: Date[],
): number {
  const cards: [ReturnType<typeof schedulerFor>, Card][] = rows.map((r) => [presetOf(r), toFsrsCard(r)]);
  let sum = 0;
  for (const at of moments) for (const [f, c] of cards) sum += f.get_retrievability(c, at, false);
  return sum;
}

export function examBench(dir: string, now: number): Row[] {
  const m = openMnemo({ dataDir: dir, clock: () => now });
  const { col, api } = m;
  const rows: Row[] = [];
  try {
    const decks = api.decks.list().decks;
    const tops = decks.filter((d) => d.parentId === null);
    const schedulerOfCard = (r: CardRow) => schedulerFor(col.presetOfDeck(r.deck_id));

    // (i) The forecast of an exam over all 100,000 cards.
    const all = api.exams.create({
      name: 'all',
      examAt: now + 30 * DAY,
      deckIds: tops.map((d) => d.id),
      budgetKind: 'minutes',
      budget: 60,
    });
    const allRows = col.db
      .prepare('SELECT * FROM cards WHERE suspended = 0 AND retired = 0')
      .all() as CardRow[];
    const forecast = [];
    const forecastFloor = [];
    for (let i = 0; i < 7; i++) {
      // The API's forecast is this, a deck at a time with the event loop let run between decks.
      forecast.push(time(() => examForecast(col, getExam(col, all.id))));
      forecastFloor.push(
        time(() => retrievabilityFloor(allRows, schedulerOfCard, [new Date(now + 30 * DAY)])),
      );
    }
    rows.push({
      name: `(i) exams.forecast, ${allRows.length.toLocaleString()} cards`,
      ...summarize(forecast),
      floor: summarize(forecastFloor).median,
      floorName: 'ts-fsrs get_retrievability, each card once',
      target: '≤ 200 ms',
      met: (r) => r.median <= 200,
    });

    // (j) A 60-day plan over two subjects (20,000 cards), made afresh each run.
    const two = tops.slice(0, 2).map((d) => d.id);
    const exam = api.exams.create({
      name: 'two',
      examAt: now + 60 * DAY,
      deckIds: two,
      budgetKind: 'reviews',
      budget: 600,
    });
    const scopeRows = allRows.filter((r) => {
      const name = decks.find((d) => d.id === r.deck_id)!.name;
      return tops.slice(0, 2).some((t) => name === t.name || name.startsWith(`${t.name}::`));
    });
    const plans = [];
    const planFloor = [];
    let last = api.exams.plan({ examId: exam.id });
    const moments = Array.from({ length: 60 }, (_, d) => new Date(now + d * DAY));
    for (let i = 0; i < 3; i++) {
      // A change of budget makes the plan stale: each run plans from scratch.
      api.exams.update({ examId: exam.id, budget: 600 + i + 1 });
      plans.push(time(() => (last = api.exams.plan({ examId: exam.id }))));
      planFloor.push(time(() => retrievabilityFloor(scopeRows, schedulerOfCard, moments)));
    }
    rows.push({
      name: `(j) exams.plan, ${last.cards.toLocaleString()} cards × ${last.daysLeft} days`,
      ...summarize(plans),
      floor: summarize(planFloor).median,
      floorName: 'ts-fsrs get_retrievability, each card each day',
      target: '≤ 2 s',
      met: (r) => r.median <= 2000,
    });

    // (k) Answer + next card in the exam session vs in a normal session of the same decks.
    const answerNext = (args: { examId?: number; deckId?: number }, n: number) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const next = api.review.next(args);
        if (!next) break;
        samples.push(
          time(() => {
            api.review.answer({
              cardId: next.card.id,
              rating: 3,
              durationMs: 3000,
              seenReps: next.card.fsrs.reps,
            });
            api.review.next(args);
          }),
        );
      }
      return samples;
    };
    // The same cards both ways: an exam over one subject beside a normal session of that subject.
    const one = api.exams.create({
      name: 'one',
      examAt: now + 60 * DAY,
      deckIds: [two[0]!],
      budgetKind: 'reviews',
      budget: 600,
    });
    api.exams.plan({ examId: one.id });
    const normal = answerNext({ deckId: two[0]! }, 200);
    const inExam = answerNext({ examId: one.id }, 200);
    const normalSummary = summarize(normal);
    rows.push({
      name: `(k) answer + next in an exam session (${inExam.length})`,
      ...summarize(inExam),
      floor: normalSummary.median,
      floorP99: normalSummary.p99,
      floorName: 'answer + next in a normal session',
      target: 'median ≤ 1.5x normal',
      met: (r) => r.median <= 1.5 * normalSummary.median,
    });
  } finally {
    m.close();
  }
  return rows;
}
