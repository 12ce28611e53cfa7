/**
 * The retention that fits your time: the preset's cards simulated over the coming days under
 * each desired retention from 0.70 to 0.97, with the preset's FSRS parameters, steps, limits
 * and maximum interval, and the user's answer time. fsrs-rs has a simulator but the binding
 * (0.5.0) does not expose it, so this uses ts-fsrs's own memory model (next_state,
 * next_interval, forgetting_curve), seeded. Each card draws its answers from its own random
 * stream, the same under every retention, so two retentions differ by the schedule alone.
 *
 * A day: cards due (oldest first) are reviewed up to the review limit, the rest wait; then new
 * cards up to the new limit (and, unless new cards ignore it, what is left of the review limit).
 * A review is recalled with the card's retrievability R; recalled answers are Hard/Good/Easy in
 * the user's own proportions, a lapse is Again and then Good through the relearning steps; a new
 * card's first answer follows the user's first answers, then Good through the learning steps.
 * Every answer, steps included, costs the user's median answer time.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FSRS, forgetting_curve, generatorParameters, Rating } from 'ts-fsrs';
import { secondsPerAnswer } from '../exams/plan.ts';
import { clampTo } from '../presets/bounds.ts';
import { FSRS_DEFAULT_PARAMETERS } from '../presets/fsrs-bounds.ts';
import { stepsForScheduler } from '../scheduler/steps.ts';
import { studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';

export const RETENTIONS: readonly number[] = Array.from({ length: 28 }, (_, i) => Math.round(70 + i) / 100);
/** Above this many cards a seeded sample is simulated and its figures scaled up. */
export const MAX_SIMULATED_CARDS = 5_000;
/** Anki's simulator defaults, until the user has 100 answers of the kind. */
const DEFAULT_FIRST = [0.256, 0.084, 0.483, 0.177];
const DEFAULT_PASS = [0.224, 0.632, 0.144];

export interface SimCard {
  /** Days from today (negative: in the past); NaN for a new card. */
  lastDay: number;
  dueDay: number;
  stability: number;
  difficulty: number;
}

export interface SimSetup {
  cards: SimCard[];
  /** Each simulated card stands for this many of the preset's cards. */
  scale: number;
  w: number[];
  maximumInterval: number;
  newPerDay: number;
  reviewsPerDay: number;
  newIgnoresReviewLimit: boolean;
  learningSteps: number;
  relearningSteps: number;
  secondsPerAnswer: number;
  /** Probabilities of Again/Hard/Good/Easy as a new card's first answer, and of Hard/Good/Easy when recalled. */
  firstRating: number[];
  passRating: number[];
}

export interface RetentionOutcome {
  retention: number;
  /** Answers (steps included) over the whole period, and per day on average. */
  answers: number;
  /** Review-day visits of studied cards (a lapse and its relearning steps count once). */
  reviews: number;
  minutes: number;
  minutesPerDay: number;
  /** Expected number of the preset's cards recalled on the last day. */
  remembered: number;
  /** Minutes spent per card remembered at the end: what the suggestion minimizes. */
  minutesPerRemembered: number;
}

export interface SimulationResult {
  presetId: number;
  days: number;
  cards: number;
  simulatedCards: number;
  secondsPerAnswer: number;
  currentRetention: number;
  outcomes: RetentionOutcome[];
  /** The retention with the fewest minutes per card remembered: the workload-optimal one. */
  suggested: number;
  /** Answers and minutes per day under the current and the suggested retention. */
  daily: { retention: number; answers: number[]; minutes: number[] }[];
}

/** mulberry32 with its state in an array slot: one stream per card, cheap to copy. */
function draw(state: Uint32Array, i: number): number {
  state[i] = (state[i]! + 0x6d2b79f5) >>> 0;
  let t = state[i]!;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function pick(probabilities: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < probabilities.length; i++) {
    acc += probabilities[i]!;
    if (u < acc) return i;
  }
  return probabilities.length - 1;
}

/** One retention over `days` days; the same seed gives the same draws for every retention. */
export function simulateOne(
  setup: SimSetup,
  retention: number,
  days: number,
  seed: number,
): RetentionOutcome & { dailyAnswers: number[] } {
  const n = setup.cards.length;
  const f = new FSRS(
    generatorParameters({
      w: setup.w,
      request_retention: retention,
      maximum_interval: setup.maximumInterval,
      enable_fuzz: false,
      enable_short_term: true,
    }),
  );
  const S = new Float64Array(n);
  const D = new Float64Array(n);
  const last = new Float64Array(n);
  const rng = new Uint32Array(n);
  const buckets: number[][] = Array.from({ length: days }, () => []);
  const fresh: number[] = [];
  // Due cards not yet reviewed, oldest due first; `head` is the next one (a queue without shifting).
  const waiting: number[] = [];
  let head = 0;
  setup.cards.forEach((c, i) => {
    rng[i] = (seed * 2654435761 + i * 40503 + 1) >>> 0;
    if (Number.isNaN(c.lastDay)) {
      fresh.push(i);
      return;
    }
    S[i] = c.stability;
    D[i] = c.difficulty;
    last[i] = c.lastDay;
    if (c.dueDay <= 0) waiting.push(i);
    else if (c.dueDay < days) buckets[c.dueDay]!.push(i);
  });
  waiting.sort((a, b) => setup.cards[a]!.dueDay - setup.cards[b]!.dueDay || a - b);
  const schedule = (i: number, day: number) => {
    const interval = Math.min(setup.maximumInterval, Math.max(1, f.next_interval(S[i]!, 0)));
    if (day + interval < days) buckets[day + interval]!.push(i);
  };
  const dailyAnswers: number[] = [];
  let answers = 0;
  let reviews = 0;
  let newAllowance = 0;
  let reviewAllowance = 0;
  let nextNew = 0;
  for (let day = 0; day < days; day++) {
    // Limits are per simulated card: a sample of one card in ten gets a tenth of each limit.
    newAllowance = (newAllowance % 1) + setup.newPerDay / setup.scale;
    reviewAllowance = (reviewAllowance % 1) + setup.reviewsPerDay / setup.scale;
    for (const i of buckets[day]!) waiting.push(i);
    buckets[day] = [];
    const reviewCount = Math.min(waiting.length - head, Math.floor(reviewAllowance));
    let today = 0;
    for (let k = 0; k < reviewCount; k++) {
      const i = waiting[head++]!;
      const t = day - last[i]!;
      const r = forgetting_curve(setup.w, t, S[i]!);
      const recalled = draw(rng, i) < r;
      const g = recalled ? Rating.Hard + pick(setup.passRating, draw(rng, i)) : Rating.Again;
      let state = f.next_state({ stability: S[i]!, difficulty: D[i]! }, t, g);
      today++;
      if (!recalled) {
        for (let s = 0; s < setup.relearningSteps; s++) state = f.next_state(state, 0, Rating.Good);
        today += setup.relearningSteps;
      }
      S[i] = state.stability;
      D[i] = state.difficulty;
      last[i] = day;
      schedule(i, day);
    }
    reviews += reviewCount;
    reviewAllowance -= reviewCount;
    let newCount = Math.floor(newAllowance);
    if (!setup.newIgnoresReviewLimit) newCount = Math.min(newCount, Math.floor(reviewAllowance));
    newCount = Math.max(0, Math.min(newCount, fresh.length - nextNew));
    for (let k = 0; k < newCount; k++) {
      const i = fresh[nextNew++]!;
      const g = Rating.Again + pick(setup.firstRating, draw(rng, i));
      let state = f.next_state(null, 0, g);
      today++;
      if (g !== Rating.Easy) {
        for (let s = 0; s < setup.learningSteps; s++) state = f.next_state(state, 0, Rating.Good);
        today += setup.learningSteps;
      }
      S[i] = state.stability;
      D[i] = state.difficulty;
      last[i] = day;
      schedule(i, day);
    }
    newAllowance -= newCount;
    if (!setup.newIgnoresReviewLimit) reviewAllowance -= newCount;
    dailyAnswers.push(today * setup.scale);
    answers += today;
  }
  let remembered = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(setup.cards[i]!.lastDay) && S[i] === 0) continue;
    remembered += forgetting_curve(setup.w, days - last[i]!, S[i]!);
  }
  const minutes = (answers * setup.scale * setup.secondsPerAnswer) / 60;
  const total = remembered * setup.scale;
  return {
    retention,
    answers: answers * setup.scale,
    reviews: reviews * setup.scale,
    minutes,
    minutesPerDay: minutes / days,
    remembered: total,
    minutesPerRemembered: total > 0 ? minutes / total : Number.POSITIVE_INFINITY,
    dailyAnswers,
  };
}

/** The share of each answer among the user's last 5,000 answers of a kind (Anki's defaults below 100). */
function shares(col: Collection, where: string, ratings: number[], fallback: number[]): number[] {
  const rows = col
    .stmt(
      `SELECT rating, count(*) AS n FROM (SELECT rating FROM review_log WHERE ${where} ORDER BY seq DESC LIMIT 5000)
       GROUP BY rating`,
    )
    .all() as { rating: number; n: number }[];
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (total < 100) return fallback;
  return ratings.map((g) => (rows.find((r) => r.rating === g)?.n ?? 0) / total);
}

/** The preset's cards as the simulator starts them today (a seeded sample above MAX_SIMULATED_CARDS). */
export function simulationSetup(col: Collection, presetId: number, seed: number): SimSetup {
  const preset = col.preset(presetId)!;
  const time = studyTime(col.settings().dayStartHour);
  const today = time.day(col.now());
  const rows = col
    .stmt(
      `SELECT c.state, c.stability, c.difficulty, c.last_review, c.due FROM cards c JOIN decks d ON d.id = c.deck_id
       WHERE d.preset_id = ? AND c.suspended = 0 AND c.retired = 0 ORDER BY c.id`,
    )
    .raw()
    .all(presetId) as [number, number, number, number | null, number][];
  let chosen = rows;
  if (rows.length > MAX_SIMULATED_CARDS) {
    // A seeded partial shuffle: the same cards for every retention and every call.
    let a = seed >>> 0;
    const copy = rows.slice();
    for (let i = 0; i < MAX_SIMULATED_CARDS; i++) {
      a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
      const j = i + (a % (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    chosen = copy.slice(0, MAX_SIMULATED_CARDS);
  }
  const cards = chosen.map(([state, stability, difficulty, lastReview, due]): SimCard => {
    if (state === 0 || lastReview === null || stability <= 0) {
      return { lastDay: Number.NaN, dueDay: Number.NaN, stability: 0, difficulty: 0 };
    }
    return {
      lastDay: time.day(lastReview) - today,
      dueDay: state === 2 ? time.day(due) - today : 0,
      stability,
      difficulty,
    };
  });
  return {
    cards,
    scale: rows.length / Math.max(1, chosen.length),
    w: preset.fsrs_weights ? (JSON.parse(preset.fsrs_weights) as number[]) : [...FSRS_DEFAULT_PARAMETERS],
    maximumInterval: clampTo('maximumInterval', preset.maximum_interval),
    newPerDay: preset.new_per_day,
    reviewsPerDay: preset.reviews_per_day,
    newIgnoresReviewLimit: preset.new_ignore_review_limit === 1,
    learningSteps: stepsForScheduler(preset.learning_steps).length,
    relearningSteps: stepsForScheduler(preset.relearning_steps).length,
    secondsPerAnswer: secondsPerAnswer(col),
    firstRating: shares(
      col,
      "kind = 'learning' AND state_before = 0 AND rating > 0",
      [1, 2, 3, 4],
      DEFAULT_FIRST,
    ),
    passRating: shares(col, "kind = 'review' AND rating > 1", [2, 3, 4], DEFAULT_PASS),
  };
}

/** One retention at a time, the event loop turning in between: the app keeps answering meanwhile. */
export async function simulateRetentions(
  col: Collection,
  presetId: number,
  o: { days: number; seed: number },
): Promise<SimulationResult> {
  const setup = simulationSetup(col, presetId, o.seed);
  const runs: ReturnType<typeof simulateOne>[] = [];
  for (const r of RETENTIONS) {
    await nextTurn();
    runs.push(simulateOne(setup, r, o.days, o.seed));
  }
  const best = runs.reduce((a, b) => (b.minutesPerRemembered < a.minutesPerRemembered ? b : a));
  const current = col.preset(presetId)!.desired_retention;
  const nearest = runs.reduce((a, b) =>
    Math.abs(b.retention - current) < Math.abs(a.retention - current) ? b : a,
  );
  const daily = [nearest, best]
    .filter((x, i, all) => all.indexOf(x) === i)
    .map((x) => ({
      retention: x.retention,
      answers: x.dailyAnswers.map((a) => Math.round(a)),
      minutes: x.dailyAnswers.map((a) => Math.round((a * setup.secondsPerAnswer) / 6) / 10),
    }));
  return {
    presetId,
    days: o.days,
    cards: Math.round(setup.cards.length * setup.scale),
    simulatedCards: setup.cards.length,
    secondsPerAnswer: setup.secondsPerAnswer,
    currentRetention: current,
    outcomes: runs.map(({ dailyAnswers: _d, ...x }) => x),
    suggested: best.retention,
    daily,
  };
}
