/**
 * The exam plan: which cards to review (and which new cards to introduce) on each day before
 * the exam so that the expected number of cards recalled at the exam is as high as the
 * daily budget allows.
 *
 * Days are whole study days. Day j of a plan of D days is D − j days before the exam, and a
 * planned review happens at the exam's time of day, so a card last reviewed on day j is
 * D − j days old at the exam. The exam day itself is not planned (its morning is for a
 * weakest-first cram; reviewed that morning, ts-fsrs's whole-day curve would call any card
 * certain).
 *
 * A planned review is answered Good with the card's recall probability on that day and Again
 * (then relearned the same day) otherwise, so each card carries a small mixture of possible
 * memory states ("branches", weights summing to 1); its value is the expected recall at the
 * exam over them. Day by day, cards are taken in order of marginal gain in expected exam-day
 * recall per expected answer, until the day's budget of answers is used (shown within 2% of
 * exhaustive search on small cases in test/unit/exam-planner.test.ts). Pure: no clock, no I/O.
 */
import type { Memory, MemoryModel } from './model.ts';
import { chooseDay, type Tracked } from './planner-day.ts';

export interface PlanCard {
  id: number;
  noteId: number;
  /** Index into the models array (one per preset). */
  model: number;
  /** Never studied: it has no memory state until the plan introduces it. */
  isNew: boolean;
  /** For a studied card: its memory state and its age at the exam in whole study days. */
  s: number;
  d: number;
  age: number;
}

export interface PlanInput {
  cards: readonly PlanCard[];
  models: readonly MemoryModel[];
  /** Study days before the exam day, today included (0 when the exam is today). */
  days: number;
  /** Expected answers allowed on each planned day (length `days`). */
  budget: readonly number[];
  /** Most branches a card keeps; beyond it the two nearest are merged. */
  branchCap?: number;
  /** Cards not to plan on day 0 (answered today already). */
  skipToday?: ReadonlySet<number>;
  /** Evaluate every card every day (no bound-based pruning): the reference the tests compare with. */
  evaluateAll?: boolean;
}

export interface PlannedCard {
  id: number;
  isNew: boolean;
  /** Expected answers this review takes (relearning after a lapse included). */
  cost: number;
}

export interface PlanOutput {
  /** Per planned day, the cards to study in the order chosen (best value first). */
  days: PlannedCard[][];
  /** Expected cards recalled at the exam following the plan. */
  expectedAtExam: number;
  /** Expected cards recalled at the exam doing nothing. */
  expectedIfNothing: number;
  /** Expected recall at the exam's time of day on days 0..D, following the plan (D = exam day). */
  curve: number[];
  /** The same, doing nothing. */
  curveIfNothing: number[];
  /** Per card id: expected recall at the exam following the plan. */
  recallAtExam: Map<number, number>;
}

function valueAt(t: Tracked, daysBefore: number): number {
  if (!t.learned) return 0;
  const elapsed = Math.max(0, t.age - daysBefore);
  let v = 0;
  for (let i = 0; i < t.branches.length; i += 3)
    v += t.branches[i]! * t.model.recall(elapsed, t.branches[i + 1]!);
  return v;
}

/** A review `daysBefore` days before the exam: the branches it leads to and its expected answers. */
function reviewed(t: Tracked, daysBefore: number): { branches: number[]; cost: number } {
  const m = t.model;
  if (!t.learned) return { branches: [1, m.learned.s, m.learned.d], cost: m.learnAnswers };
  const elapsed = Math.max(0, t.age - daysBefore);
  const out: number[] = [];
  let cost = 0;
  for (let i = 0; i < t.branches.length; i += 3) {
    const w = t.branches[i]!;
    const mem: Memory = { s: t.branches[i + 1]!, d: t.branches[i + 2]! };
    const p = m.recall(elapsed, mem.s);
    const ok = m.success(mem, elapsed, p);
    const lapse = m.failure(mem, elapsed, p);
    if (p > 0) out.push(w * p, ok.s, ok.d);
    if (p < 1) out.push(w * (1 - p), lapse.s, lapse.d);
    cost += w * (1 + (1 - p) * m.relearnAnswers);
  }
  return { branches: out, cost };
}

/** Keeps at most `cap` branches, merging the two with the nearest stability (log scale). */
function capBranches(b: number[], cap: number): number[] {
  while (b.length / 3 > cap) {
    let best = 0;
    let gap = Number.POSITIVE_INFINITY;
    const order = [...Array(b.length / 3).keys()].sort((x, y) => b[x * 3 + 1]! - b[y * 3 + 1]!);
    for (let k = 0; k + 1 < order.length; k++) {
      const g = Math.log(b[order[k + 1]! * 3 + 1]!) - Math.log(b[order[k]! * 3 + 1]!);
      if (g < gap) {
        gap = g;
        best = k;
      }
    }
    const [x, y] = [order[best]! * 3, order[best + 1]! * 3];
    const w = b[x]! + b[y]!;
    const s = Math.exp((b[x]! * Math.log(b[x + 1]!) + b[y]! * Math.log(b[y + 1]!)) / w);
    const d = (b[x]! * b[x + 2]! + b[y]! * b[y + 2]!) / w;
    const merged = [w, s, d];
    b = b.filter((_, i) => Math.floor(i / 3) !== x / 3 && Math.floor(i / 3) !== y / 3).concat(merged);
  }
  return b;
}

function track(input: PlanInput): Tracked[] {
  return input.cards.map((card) => {
    const t: Tracked = {
      card,
      model: input.models[card.model]!,
      learned: !card.isNew,
      age: card.age,
      branches: card.isNew ? [] : [1, card.s, card.d],
      value: 0,
    };
    t.value = valueAt(t, 0);
    return t;
  });
}

/** Plans a review of `t` `daysBefore` days before the exam; returns its expected answers. */
function applyReview(t: Tracked, daysBefore: number, cap: number): number {
  const r = reviewed(t, daysBefore);
  t.branches = capBranches(r.branches, cap);
  t.learned = true;
  t.age = daysBefore;
  t.value = valueAt(t, 0);
  return r.cost;
}

/** Expected cards recalled `daysBefore` days before the exam, over every `every`-th card, scaled to all. */
function total(tracked: readonly Tracked[], daysBefore: number, every = 1): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < tracked.length; i += every, n++) sum += valueAt(tracked[i]!, daysBefore);
  return n ? (sum * tracked.length) / n : 0;
}

/** Above this many cards, the curve's days between today and the exam come from an even sample. */
const CURVE_SAMPLE = 2_000;

/** The plan that greedily maximizes expected exam-day recall within the daily budgets. */
export function makePlan(input: PlanInput): PlanOutput {
  const D = Math.max(0, input.days);
  const cap = input.branchCap ?? 4;
  const tracked = track(input);
  const nothing = track(input);
  const every = Math.max(1, Math.ceil(tracked.length / CURVE_SAMPLE));
  const curve: number[] = [];
  const curveIfNothing: number[] = [];
  const days: PlannedCard[][] = [];
  for (let j = 0; j < D; j++) {
    const daysBefore = D - j;
    // Today exact (nothing is planned yet: both curves agree); the days after from the sample.
    curve.push(total(tracked, daysBefore, j === 0 ? 1 : every));
    curveIfNothing.push(j === 0 ? curve[0]! : total(nothing, daysBefore, every));
    const chosen = chooseDay(
      tracked,
      daysBefore,
      input.budget[j] ?? 0,
      j === 0 ? input.skipToday : undefined,
      input.evaluateAll,
    );
    days.push(
      chosen.map((c) => {
        const t = tracked[c.i]!;
        const planned = { id: t.card.id, isNew: !t.learned, cost: c.cost };
        applyReview(t, daysBefore, cap);
        return planned;
      }),
    );
  }
  const recallAtExam = new Map<number, number>();
  let expectedAtExam = 0;
  for (const t of tracked) {
    recallAtExam.set(t.card.id, t.value);
    expectedAtExam += t.value;
  }
  const expectedIfNothing = total(nothing, 0);
  curve.push(expectedAtExam);
  curveIfNothing.push(expectedIfNothing);
  return { days, expectedAtExam, expectedIfNothing, curve, curveIfNothing, recallAtExam };
}

/**
 * A fixed schedule (card ids per day) played through the same model, every outcome kept:
 * its expected recall at the exam and each day's expected answers (what the planner is
 * judged by, and the budget it is checked against).
 */
export function playSchedule(
  input: PlanInput,
  schedule: readonly (readonly number[])[],
): { expectedAtExam: number; costs: number[] } {
  const tracked = track(input);
  const byId = new Map(tracked.map((t) => [t.card.id, t]));
  const costs = schedule.map((ids, j) =>
    ids.reduce((sum, id) => sum + applyReview(byId.get(id)!, input.days - j, Number.POSITIVE_INFINITY), 0),
  );
  return { expectedAtExam: total(tracked, 0), costs };
}
