/**
 * The memory model the exam planner reasons with: ts-fsrs's own forgetting curve and
 * next-state functions with a preset's parameters, in whole study days (as Mnemo's
 * scheduler counts them). Nothing here re-implements FSRS; it only says which ts-fsrs
 * calls a planned review amounts to.
 */
import { type Card, createEmptyCard, type FSRS, Rating, State } from 'ts-fsrs';
import type { PresetRow } from '../model/types.ts';
import { schedulerFor } from '../scheduler/fsrs.ts';

export interface Memory {
  s: number;
  d: number;
}

export interface MemoryModel {
  /** Probability of recall `days` whole days after the last review at stability `s`. */
  recall(days: number, s: number): number;
  /** A review `t` days after the last one answered Good (the card was recalled); `r` = recall(t, m.s). */
  success(m: Memory, t: number, r: number): Memory;
  /** Answered Again `t` days after the last review, then Good through the relearning steps the same day. */
  failure(m: Memory, t: number, r: number): Memory;
  /** Answers a lapse costs after its Again: one per relearning step. */
  relearnAnswers: number;
  /** A new card answered Good through every learning step, its first day. */
  learned: Memory;
  /** Answers that takes. */
  learnAnswers: number;
}

/** Answers Good, each when due, until the card is a review card again; counts them. */
function goodUntilReview(f: FSRS, card: Card): { card: Card; answers: number } {
  let answers = 0;
  let c: Card = card;
  // A preset has at most a few dozen steps; the bound only guards against a scheduler surprise.
  while (c.state !== State.Review && answers < 100) {
    c = f.next(c, c.due, Rating.Good).card;
    answers++;
  }
  return { card: c, answers };
}

const models = new WeakMap<FSRS, MemoryModel>();

export function memoryModel(preset: PresetRow): MemoryModel {
  const f = schedulerFor(preset);
  const cached = models.get(f);
  if (cached) return cached;
  const start = new Date(Date.UTC(2000, 0, 1));
  // Learning and relearning as the real scheduler runs them for this preset's steps.
  const learning = goodUntilReview(f, createEmptyCard(start));
  const lapsedAt = new Date(learning.card.due.getTime() + 30 * 86_400_000);
  const lapsed = f.next(learning.card, lapsedAt, Rating.Again).card;
  const relearning = goodUntilReview(f, lapsed);
  const model: MemoryModel = {
    recall: (days, s) => f.forgetting_curve(days, s),
    // r is the recall ts-fsrs would compute itself from t and s: passed so it is computed once.
    success: (m, t, r) => {
      const n = f.next_state({ stability: m.s, difficulty: m.d }, t, Rating.Good, r);
      return { s: n.stability, d: n.difficulty };
    },
    failure: (m, t, r) => {
      let n = f.next_state({ stability: m.s, difficulty: m.d }, t, Rating.Again, r);
      for (let i = 0; i < relearning.answers; i++) n = f.next_state(n, 0, Rating.Good);
      return { s: n.stability, d: n.difficulty };
    },
    relearnAnswers: relearning.answers,
    learned: { s: learning.card.stability, d: learning.card.difficulty },
    learnAnswers: Math.max(1, learning.answers),
  };
  models.set(f, model);
  return model;
}
