/**
 * One planned day's choice for the exam planner (planner.ts): cards by marginal gain in
 * expected exam-day recall per expected answer until the day's budget is used, evaluated
 * lazily. Pure: no clock, no I/O.
 */
import type { MemoryModel } from './model.ts';
import type { PlanCard } from './planner.ts';

/** A card's possible states during planning: [weight, s, d] triples. */
export interface Tracked {
  card: PlanCard;
  model: MemoryModel;
  learned: boolean;
  age: number;
  branches: number[];
  /** Expected recall at the exam as things stand (kept up to date as reviews are planned). */
  value: number;
}

/**
 * Whether a candidate can still change the day's choice, given an upper bound on its ratio
 * and its cost (see `Cut`). Also true of any candidate while no cut is known.
 */
type MayMatter = (ratioBound: number, cost: number) => boolean;

/**
 * A studied card's exact marginal gain and expected answers for a review `daysBefore` days
 * before the exam: what `reviewed` then `valueAt` give, without building the branches.
 * With `mayMatter`, null as soon as a bound shows the card cannot change the day's choice:
 * first from its cost alone (one recall per branch), then from its successes (a lapse counted
 * as certain recall at the exam), before the lapses are worked out.
 */
function gainOf(
  t: Tracked,
  daysBefore: number,
  valueNow: number,
  mayMatter?: MayMatter,
): { gain: number; cost: number } | null {
  const m = t.model;
  const elapsed = Math.max(0, t.age - daysBefore);
  const b = t.branches;
  const p: number[] = [];
  let lapsed = 0;
  let cost = 0;
  for (let i = 0; i < b.length; i += 3) {
    const r = m.recall(elapsed, b[i + 1]!);
    p.push(r);
    lapsed += b[i]! * (1 - r);
    cost += b[i]! * (1 + (1 - r) * m.relearnAnswers);
  }
  if (mayMatter && !mayMatter((1 - valueNow) / cost, cost)) return null;
  let succeeded = 0;
  for (let i = 0, k = 0; i < b.length; i += 3, k++) {
    const r = p[k]!;
    if (r > 0)
      succeeded += b[i]! * r * m.recall(daysBefore, m.success({ s: b[i + 1]!, d: b[i + 2]! }, elapsed, r).s);
  }
  if (mayMatter && !mayMatter((succeeded + lapsed - valueNow) / cost, cost)) return null;
  let after = succeeded;
  for (let i = 0, k = 0; i < b.length; i += 3, k++) {
    const r = p[k]!;
    if (r < 1)
      after +=
        b[i]! * (1 - r) * m.recall(daysBefore, m.failure({ s: b[i + 1]!, d: b[i + 2]! }, elapsed, r).s);
  }
  return { gain: after - valueNow, cost };
}

/**
 * The least a review or a new card costs: one answer (a review's expected answers are a
 * weighted sum whose weights add up to 1 only within rounding, hence the margin).
 */
const MIN_COST = 1 - 1e-6;

interface Candidate {
  i: number;
  ratio: number;
  cost: number;
}

/**
 * Where the best candidates so far stop the day: `bar` is the ratio of the first card that
 * does not fit (or that uses the budget up), `room` the budget left there; below it, cards
 * are only taken to fill what is left: `fillBar` is the ratio of the last such card taken,
 * and `endRoom` what is left after it. A card left out ranks below `bar`, so it can only be
 * chosen by fitting a room: `room` if it ranks above `fillBar`, `endRoom` if below.
 */
interface Cut {
  bar: number;
  fillBar: number;
  room: number;
  endRoom: number;
}

/** Nothing known yet: every candidate may matter. */
const OPEN: Cut = { bar: 0, fillBar: 0, room: Number.POSITIVE_INFINITY, endRoom: Number.POSITIVE_INFINITY };

function mayMatterAt(cut: Cut): MayMatter {
  return (ratio, cost) =>
    ratio >= cut.bar || cost <= cut.endRoom + 1e-9 || (cost <= cut.room + 1e-9 && ratio >= cut.fillBar);
}

/**
 * One day's choice: cards by marginal gain per expected answer until the budget is used,
 * a card that does not fit the budget left passed over for the next that does, never two
 * cards of a note (siblings are buried once one is answered).
 *
 * Evaluated lazily: a review can raise a card's expected exam-day recall at most to 1 and
 * costs at least one answer, so 1 − (its value now) bounds its ratio. Cards are evaluated from
 * the least valued up; a card whose bound falls below the cut of the best candidates so far,
 * and whose cost fits no room left there, is not worked out, and the search stops once no
 * card left can beat the cut or fit a room. The choice is the full greedy's (checked against
 * `evaluateAll` in the tests), at a fraction of the work.
 */
export function chooseDay(
  tracked: readonly Tracked[],
  daysBefore: number,
  budget: number,
  skip: ReadonlySet<number> | undefined,
  evaluateAll = false,
): Candidate[] {
  const evaluated: Candidate[] = [];
  // New cards of one preset all gain the same on a given day: computed once.
  const newGain = new Map<MemoryModel, number>();
  // Studied cards by their value at the exam, in 1,024 buckets (a sort would cost more than the rest).
  const BUCKETS = 1024;
  const buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  for (let i = 0; i < tracked.length; i++) {
    const t = tracked[i]!;
    if (skip?.has(t.card.id)) continue;
    if (t.learned) {
      buckets[Math.min(BUCKETS - 1, Math.floor(t.value * BUCKETS))]!.push(i);
      continue;
    }
    let g = newGain.get(t.model);
    if (g === undefined) {
      g = t.model.recall(daysBefore, t.model.learned.s);
      newGain.set(t.model, g);
    }
    if (g > 1e-9) evaluated.push({ i, ratio: g / t.model.learnAnswers, cost: t.model.learnAnswers });
  }
  const byRatio = (a: Candidate, b: Candidate) =>
    b.ratio - a.ratio || tracked[a.i]!.card.id - tracked[b.i]!.card.id;
  // Candidates in ratio order: each check sorts only those evaluated since the last and merges.
  let sorted: Candidate[] = [];
  const settle = () => {
    evaluated.sort(byRatio);
    const merged: Candidate[] = [];
    let a = 0;
    let b = 0;
    while (a < sorted.length || b < evaluated.length) {
      if (b >= evaluated.length || (a < sorted.length && byRatio(sorted[a]!, evaluated[b]!) <= 0))
        merged.push(sorted[a++]!);
      else merged.push(evaluated[b++]!);
    }
    sorted = merged;
    evaluated.length = 0;
  };
  /** The day's choice from the candidates so far, and where it stops (see `Cut`). */
  const walk = (): { chosen: Candidate[]; cut: Cut } => {
    settle();
    const chosen: Candidate[] = [];
    let left = budget;
    const notes = new Set<number>();
    let cut: Cut | null = null;
    for (const c of sorted) {
      const note = tracked[c.i]!.card.noteId;
      if (notes.has(note)) continue;
      if (c.cost > left + 1e-9) {
        cut ??= { bar: c.ratio, fillBar: c.ratio, room: left, endRoom: left };
        continue;
      }
      left -= c.cost;
      notes.add(note);
      chosen.push(c);
      if (cut) {
        cut.fillBar = c.ratio;
        cut.endRoom = left;
      }
      // Every review or new card costs at least one answer: below that, nothing else fits.
      if (left < MIN_COST) {
        cut ??= { bar: c.ratio, fillBar: c.ratio, room: left, endRoom: left };
        break;
      }
    }
    return { chosen, cut: cut ?? OPEN };
  };
  let cut = walk().cut;
  let mayMatter = mayMatterAt(cut);
  // The cut is re-checked after 64, 128, 256, 512, then every 512 evaluations, not after each.
  let nextCheck = 64;
  let count = 0;
  // A bucket's cards are worth at least its lower edge: once 1 − edge is below the cut and no
  // room is left that a card could fill, no card from there on can change the choice.
  const done = (k: number) =>
    !evaluateAll && 1 - k / BUCKETS < cut.fillBar && 1 - k / BUCKETS < cut.bar && cut.endRoom < MIN_COST;
  scan: for (let k = 0; k < BUCKETS; k++) {
    if (done(k)) break;
    for (const i of buckets[k]!) {
      const t = tracked[i]!;
      const got = gainOf(t, daysBefore, t.value, evaluateAll ? undefined : mayMatter);
      // A candidate that cannot change the choice is kept out of the sort.
      if (got && got.gain > 1e-9 && (evaluateAll || mayMatter(got.gain / got.cost, got.cost)))
        evaluated.push({ i, ratio: got.gain / got.cost, cost: got.cost });
      if (++count >= nextCheck) {
        cut = walk().cut;
        mayMatter = mayMatterAt(cut);
        nextCheck += Math.min(nextCheck, 512);
        if (done(k)) break scan;
      }
    }
  }
  return walk().chosen;
}
