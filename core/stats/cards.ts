/**
 * The cards' figures for the Stats screen: counts by state, the FSRS memory of the studied
 * cards (stability, difficulty and current retrievability, as distributions), the expected
 * number of cards recalled now, the due forecast and the desired retention of the presets
 * in scope.
 *
 * Definitions: card counts as Anki's (manual "Card Counts"; mature = interval ≥ 21 days);
 * retrievability is ts-fsrs's forgetting curve with each card's preset parameters, days counted
 * in whole study days as ts-fsrs's get_retrievability counts them (the exam forecast's
 * `curves`, core/exams/forecast.ts); Anki's "estimated total knowledge" (manual, Card
 * Retrievability) is the sum of it over the studied cards. Suspended cards are left out of the
 * memory figures and the forecast (they are never shown), counted in the counts.
 */
import { allDecks } from '../decks/decks.ts';
import { curves } from '../exams/forecast.ts';
import { studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import { comingDays } from './days.ts';
import type { StatsScope } from './scope.ts';
import { dayName } from './stats.ts';

const DAY = 86_400_000;
export const FORECAST_DAYS = 30;

export interface Bin {
  /** Lower bound (inclusive) and upper bound (exclusive; null: no upper bound). */
  from: number;
  to: number | null;
  cards: number;
}

export interface Distribution {
  bins: Bin[];
  mean: number | null;
}

export interface CardStats {
  counts: {
    new: number;
    learning: number;
    relearning: number;
    young: number;
    mature: number;
    suspended: number;
    buried: number;
    total: number;
  };
  /** Cards with a memory state (studied, not suspended). */
  studied: number;
  /** Expected number of them recalled now: the sum of their retrievability. */
  recalledNow: number;
  /** Stability in days. */
  stability: Distribution;
  /** Difficulty on Anki's 0–100% scale: (D − 1) / 9. */
  difficulty: Distribution;
  /** Retrievability now, 0–100%. */
  retrievability: Distribution;
  forecast: { overdue: number; days: { day: string; due: number }[] };
  desiredRetention: { presetId: number; name: string; desiredRetention: number; cards: number }[];
}

const STABILITY_EDGES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 730];
const PERCENT_EDGES_10 = Array.from({ length: 10 }, (_, i) => i * 10);
const PERCENT_EDGES_5 = Array.from({ length: 20 }, (_, i) => i * 5);

/** Counts `values` into bins starting at `edges` (the last bin open-ended, or closed at `top`). */
function distribution(values: Float64Array, edges: number[], top: number | null): Distribution {
  const bins: Bin[] = edges.map((from, i) => ({ from, to: edges[i + 1] ?? top, cards: 0 }));
  let sum = 0;
  for (const v of values) {
    sum += v;
    let lo = 0;
    let hi = edges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    bins[lo]!.cards++;
  }
  return { bins, mean: values.length ? sum / values.length : null };
}

export function cardStats(col: Collection, scope: StatsScope): CardStats {
  return col.db.transaction(() => read(col, scope))();
}

function read(col: Collection, scope: StatsScope): CardStats {
  const now = col.now();
  const { where, params } = scope;
  // Reading every card: one pass over the table beats 70,000 lookups through a partial index.
  const from = scope.kind === 'collection' ? 'cards c NOT INDEXED' : scope.from;
  // One pass, no sort: each card counted once, suspended first, then buried, then by state.
  const active = `c.suspended = 0 AND c.buried_until <= ${Math.floor(now)}`;
  const [total, suspended, buried, fresh, learning, relearning, young, mature] = col.db
    .prepare(
      `SELECT count(*), total(c.suspended), total(c.suspended = 0 AND c.buried_until > ${Math.floor(now)}),
         total(${active} AND c.state = 0), total(${active} AND c.state = 1), total(${active} AND c.state = 3),
         total(${active} AND c.state = 2 AND c.scheduled_days < 21), total(${active} AND c.state = 2 AND c.scheduled_days >= 21)
       FROM ${from} WHERE ${where}`,
    )
    .raw()
    .get(...params) as number[];
  const counts = {
    new: fresh!,
    learning: learning!,
    relearning: relearning!,
    young: young!,
    mature: mature!,
    suspended: suspended!,
    buried: buried!,
    total: total!,
  };

  // `+c.stability`: most reviewed cards pass the test, so a walk of Browse's stability index
  // (one table lookup per card) is slower than reading the table (106 against 72 ms at 100k).
  const memory = col.db
    .prepare(
      `SELECT c.deck_id, c.stability, c.difficulty, c.last_review FROM ${from}
       WHERE ${where} AND c.state <> 0 AND c.suspended = 0 AND c.last_review IS NOT NULL AND +c.stability > 0`,
    )
    .raw()
    .all(...params) as [number, number, number, number][];
  const curveOf = curves(col);
  const presetOf = new Map(allDecks(col).map((d) => [d.id, d.preset_id]));
  const time = studyTime(col.settings().dayStartHour);
  const nowStudy = time.toFsrs(now);
  const stability = new Float64Array(memory.length);
  const difficulty = new Float64Array(memory.length);
  const retrievability = new Float64Array(memory.length);
  let recalledNow = 0;
  memory.forEach(([deck, s, d, last], i) => {
    const days = Math.max(0, Math.floor((nowStudy - time.toFsrs(last)) / DAY));
    const r = curveOf(presetOf.get(deck)!)(days, s);
    recalledNow += r;
    stability[i] = s;
    difficulty[i] = ((d - 1) / 9) * 100;
    retrievability[i] = r * 100;
  });

  // Cards per deck from the deck index (in its order: no sort), then per preset.
  const perDeck = col.db
    .prepare(
      scope.kind === 'exam'
        ? `SELECT c.deck_id, count(*) FROM ${from} WHERE ${where} GROUP BY 1`
        : `SELECT c.deck_id, count(*) FROM cards c INDEXED BY cards_deck WHERE ${where} GROUP BY 1`,
    )
    .raw()
    .all(...params) as [number, number][];
  const perPreset = new Map<number, number>();
  for (const [deck, n] of perDeck) {
    const preset = presetOf.get(deck)!;
    perPreset.set(preset, (perPreset.get(preset) ?? 0) + n);
  }

  return {
    counts,
    studied: memory.length,
    recalledNow,
    stability: distribution(stability, STABILITY_EDGES, null),
    difficulty: distribution(difficulty, PERCENT_EDGES_10, 100),
    retrievability: distribution(retrievability, PERCENT_EDGES_5, 100),
    forecast: forecast(col, scope, now),
    desiredRetention: [...perPreset].map(([presetId, cards]) => {
      const p = col.preset(presetId)!;
      return { presetId, name: p.name, desiredRetention: p.desired_retention, cards };
    }),
  };
}

/** Cards due on each of the next 30 study days (today holds the overdue ones too), as Home's forecast. */
function forecast(col: Collection, scope: StatsScope, now: number): CardStats['forecast'] {
  const bounds = comingDays(now, FORECAST_DAYS, col.settings().dayStartHour);
  const dues = col.db
    .prepare(
      `SELECT c.due FROM ${scope.from} WHERE ${scope.where} AND c.state <> 0 AND c.suspended = 0 AND c.due < ${bounds[FORECAST_DAYS]!}`,
    )
    .pluck()
    .all(...scope.params) as number[];
  const counts = new Array<number>(FORECAST_DAYS).fill(0);
  let overdue = 0;
  for (const due of dues) {
    if (due < bounds[0]!) overdue++;
    let lo = 0;
    let hi = FORECAST_DAYS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid]! <= due) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]!++;
  }
  return { overdue, days: counts.map((due, i) => ({ day: dayName(bounds[i]!), due })) };
}
