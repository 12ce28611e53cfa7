import { describe, expect, it } from 'vitest';
import { memoryModel } from '../../core/exams/model.ts';
import { makePlan, type PlanCard, type PlanInput, playSchedule } from '../../core/exams/planner.ts';
import { seededRandom } from '../../core/util/random.ts';
import { presetRow } from '../helpers/preset-row.ts';

const preset = presetRow;

// Custom FSRS-6 parameters (an optimizer's output for a fast forgetter).
const CUSTOM = [
  0.3, 0.9, 2.5, 10.2, 7.1, 0.6, 1.9, 0.01, 1.2, 0.2, 0.8, 1.7, 0.1, 0.3, 2.1, 0.2, 2.8, 0.5, 0.3, 0.1, 0.3,
];
const MODELS = [memoryModel(preset()), memoryModel(preset({ fsrs_weights: JSON.stringify(CUSTOM) }))];

/** The best schedule by trying every set of cards on every day that fits the day's budget. */
function exhaustive(input: PlanInput): { best: number; schedule: number[][] } {
  const ids = input.cards.map((c) => c.id);
  const noteOf = new Map(input.cards.map((c) => [c.id, c.noteId]));
  const subsets: number[][] = [];
  for (let mask = 0; mask < 1 << ids.length; mask++) {
    const s = ids.filter((_, i) => mask & (1 << i));
    if (new Set(s.map((id) => noteOf.get(id))).size === s.length) subsets.push(s);
  }
  let best = -1;
  let bestSchedule: number[][] = [];
  const walk = (prefix: number[][]) => {
    if (prefix.length === input.days) {
      const v = playSchedule(input, prefix).expectedAtExam;
      if (v > best) {
        best = v;
        bestSchedule = prefix;
      }
      return;
    }
    for (const s of subsets) {
      const next = [...prefix, s];
      const costs = playSchedule(input, next).costs;
      if (costs[next.length - 1]! <= input.budget[next.length - 1]! + 1e-9) walk(next);
    }
  };
  walk([]);
  return { best, schedule: bestSchedule };
}

function randomCards(seed: number, n: number): PlanCard[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const isNew = rand() < 0.25;
    return {
      id: i + 1,
      noteId: i + 1,
      model: rand() < 0.5 ? 0 : 1,
      isNew,
      s: isNew ? 0 : 0.5 + rand() * 40,
      d: isNew ? 0 : 1 + rand() * 9,
      age: isNew ? 0 : 1 + Math.floor(rand() * 30),
    };
  });
}

describe('exam planner', () => {
  it('is within 2% of exhaustive search on small cases', () => {
    const cases: { cards: number; days: number; budget: number }[] = [
      { cards: 6, days: 3, budget: 2.5 },
      { cards: 5, days: 4, budget: 2.2 },
      { cards: 4, days: 5, budget: 1.5 },
      { cards: 6, days: 2, budget: 4 },
      { cards: 3, days: 5, budget: 3.5 },
    ];
    let seed = 1;
    const lines: string[] = [];
    for (const c of cases) {
      for (let rep = 0; rep < 3; rep++) {
        const input: PlanInput = {
          cards: randomCards(seed++, c.cards),
          models: MODELS,
          days: c.days,
          budget: Array(c.days).fill(c.budget),
          branchCap: 64,
        };
        const plan = makePlan(input);
        // The plan's own accounting agrees with evaluating its schedule independently.
        const schedule = plan.days.map((d) => d.map((p) => p.id));
        const played = playSchedule(input, schedule);
        expect(played.expectedAtExam).toBeCloseTo(plan.expectedAtExam, 9);
        for (const cost of played.costs) expect(cost).toBeLessThanOrEqual(c.budget + 1e-9);
        const opt = exhaustive(input);
        lines.push(
          `${c.cards} cards, ${c.days} days, budget ${c.budget}: greedy ${plan.expectedAtExam.toFixed(4)}, optimum ${opt.best.toFixed(4)}, nothing ${plan.expectedIfNothing.toFixed(4)}`,
        );
        expect(plan.expectedAtExam).toBeGreaterThanOrEqual(opt.best * 0.98);
        expect(plan.expectedAtExam).toBeLessThanOrEqual(opt.best + 1e-9);
      }
    }
    console.log(lines.join('\n'));
    // Exhaustive search takes seconds; on two busy cores, tens of them.
  }, 180_000);
});

describe('exam planner, lazily evaluated', () => {
  it('chooses exactly what evaluating every card every day chooses', () => {
    // Budgets that leave a part of an answer (a card passed over for a cheaper one that fits)
    // and card counts past the checks at 64, 128, ... and every 512 evaluations.
    const cases = [
      { seed: 21, cards: 400, budget: 37.5 },
      { seed: 22, cards: 400, budget: 41 },
      { seed: 23, cards: 400, budget: 37.5 },
      { seed: 24, cards: 1500, budget: 61.3 },
      { seed: 25, cards: 1500, budget: 120 },
    ];
    for (const { seed, cards, budget } of cases) {
      const input: PlanInput = {
        cards: randomCards(seed, cards).map((c, i) => ({ ...c, noteId: Math.floor(i / 2) + 1 })),
        models: MODELS,
        days: 20,
        budget: Array(20).fill(budget),
      };
      const lazy = makePlan(input);
      const full = makePlan({ ...input, evaluateAll: true });
      expect(lazy.days).toEqual(full.days);
      expect(lazy.expectedAtExam).toBe(full.expectedAtExam);
      // Two cards of a note (siblings) are never planned on the same day.
      const noteOf = new Map(input.cards.map((c) => [c.id, c.noteId]));
      for (const day of lazy.days) expect(new Set(day.map((p) => noteOf.get(p.id))).size).toBe(day.length);
    }
  });
});
