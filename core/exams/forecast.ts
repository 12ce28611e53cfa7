/**
 * Predicted recall: for every card in an exam's scope, the probability of recalling it at a
 * given moment from its FSRS memory state (ts-fsrs's forgetting curve with its preset's
 * parameters, days counted in study days exactly as ts-fsrs's get_retrievability counts
 * them), summed per deck and for the exam. A card never studied counts 0.
 */
import { allDecks } from '../decks/decks.ts';
import { storageError } from '../errors.ts';
import { schedulerFor } from '../scheduler/fsrs.ts';
import { dayName } from '../stats/stats.ts';
import type { Collection } from '../store/collection.ts';
import { examCalendar } from './exam-cards.ts';
import { type Exam, scopeDeckIds, scopeFrom } from './exams.ts';

const DAY = 86_400_000;
/** The curve over the days left has at most this many points (evenly spread, always the exam day). */
const CURVE_POINTS = 60;

export interface DeckForecast {
  deckId: number;
  name: string;
  cards: number;
  studied: number;
  recalledNow: number;
  recalledAtExam: number;
}

export interface Forecast {
  examId: number;
  examAt: number;
  cards: number;
  studied: number;
  /** Expected cards recalled now, and at the exam if nothing more is studied. */
  recalledNow: number;
  recalledAtExam: number;
  target: number;
  daysLeft: number;
  decks: DeckForecast[];
  /** Expected cards recalled at the exam's time of day on days until the exam, studying nothing more. */
  curve: { day: string; daysBefore: number; recalled: number }[];
}

/** The study-days-before-exam at which the curve is drawn: today .. exam day, at most CURVE_POINTS. */
export function curveDays(daysLeft: number): number[] {
  const step = Math.max(1, Math.ceil(daysLeft / (CURVE_POINTS - 1)));
  const out: number[] = [];
  for (let before = daysLeft; before > 0; before -= step) out.push(before);
  out.push(0);
  return out;
}

/** Per-preset forgetting curves, looked up once per card rather than once per call. */
export function curves(col: Collection): (presetId: number) => (days: number, s: number) => number {
  const byPreset = new Map<number, (days: number, s: number) => number>();
  return (presetId) => {
    let f = byPreset.get(presetId);
    if (!f) {
      const w = schedulerFor(col.preset(presetId)!).parameters.w;
      // ts-fsrs's forgetting_curve, step for step, with its decay and factor worked out once
      // per preset rather than on every call (it recomputes them each time).
      const decay = -w[20]!;
      const factor = Math.round((Math.exp(decay ** -1 * Math.log(0.9)) - 1) * 1e8) / 1e8;
      // get_retrievability rounds the stability to 8 decimals before the curve: so do we (without its slow toFixed).
      f = (days, s) => Math.round((1 + (factor * days) / (Math.round(s * 1e8) / 1e8)) ** decay * 1e8) / 1e8;
      byPreset.set(presetId, f);
    }
    return f;
  };
}

/** Studied cards' memory (deck, stability, last review) and the count of new cards per deck. */
interface Slice {
  studied: [number, number, number | null][];
  fresh: [number, number][];
}

interface Memories {
  /** How many studied cards the slices hold (sizes the curve's sample before they are read). */
  studiedCount: number;
  slices: Iterable<Slice>;
}

/**
 * Reads what predicting recall needs. A scope of decks only is read from two partial indexes
 * (cards_memory for studied cards, cards_queue_new for the count of new ones), never the card
 * table: 100,000 cards in a few tens of milliseconds, a deck at a time (see examForecastSliced;
 * each deck's two reads run together, so a card is counted once, as new or as studied). A
 * scope with tags joins the notes, in one read.
 */
function memories(col: Collection, exam: Exam): Memories {
  if (exam.tags.length === 0) {
    const ids = (scopeDeckIds(col, exam) ?? allDecks(col).map((d) => d.id)).sort((a, b) => a - b);
    const memory = 'suspended = 0 AND retired = 0 AND state <> 0';
    const studiedCount = col.db
      .prepare(
        `SELECT count(*) FROM cards INDEXED BY cards_memory WHERE ${memory} AND deck_id IN (${ids.join(',')})`,
      )
      .pluck()
      .get() as number;
    const studied = col.db
      .prepare(
        `SELECT deck_id, stability, last_review FROM cards INDEXED BY cards_memory WHERE ${memory} AND deck_id = ?`,
      )
      .raw(true);
    const fresh = col.db
      .prepare(
        `SELECT count(*) FROM cards INDEXED BY cards_queue_new
         WHERE suspended = 0 AND retired = 0 AND state = 0 AND deck_id = ?`,
      )
      .pluck();
    const slices = function* () {
      for (const deck of ids) {
        yield {
          studied: studied.all(deck) as Slice['studied'],
          fresh: [[deck, fresh.get(deck) as number]] as [number, number][],
        };
      }
    };
    return { studiedCount, slices: slices() };
  }
  const s = scopeFrom(col, exam);
  const rows = col.db
    .prepare(`SELECT c.deck_id, c.state, c.stability, c.last_review FROM ${s.from} WHERE ${s.where}`)
    .raw(true)
    .all(...s.params) as [number, number, number, number | null][];
  const slice: Slice = { studied: [], fresh: [] };
  const fresh = new Map<number, number>();
  for (const [deck, state, stability, last] of rows) {
    if (state !== 0) slice.studied.push([deck, stability, last]);
    else fresh.set(deck, (fresh.get(deck) ?? 0) + 1);
  }
  slice.fresh = [...fresh];
  return { studiedCount: slice.studied.length, slices: [slice] };
}

/** Above this many studied cards, the curve's days between today and the exam come from an even sample. */
const CURVE_SAMPLE = 5_000;

/**
 * The forecast, worked out a slice of cards (a deck) at a time: it yields after each, and
 * returns the forecast. examForecast runs it straight through; examForecastSliced lets the
 * event loop run between slices. Both read and add up the same rows in the same order.
 */
function* forecastSteps(col: Collection, exam: Exam): Generator<void, Forecast> {
  const cal = examCalendar(col, exam);
  const { studiedCount, slices } = memories(col, exam);
  const curveOfPreset = curves(col);
  const deckRows = allDecks(col);
  const names = new Map(deckRows.map((d) => [d.id, d.name]));
  const presetOfDeck = new Map(deckRows.map((d) => [d.id, d.preset_id]));
  const decks = new Map<number, DeckForecast>();
  const deckOf = (deckId: number) => {
    let deck = decks.get(deckId);
    if (!deck) {
      deck = {
        deckId,
        name: names.get(deckId) ?? '',
        cards: 0,
        studied: 0,
        recalledNow: 0,
        recalledAtExam: 0,
      };
      decks.set(deckId, deck);
    }
    return deck;
  };
  const days = curveDays(cal.daysLeft);
  const sums = new Float64Array(days.length);
  const every = Math.max(1, Math.ceil(studiedCount / CURVE_SAMPLE));
  let recalledNow = 0;
  let recalledAtExam = 0;
  let studied = 0;
  let sampled = 0;
  let cards = 0;
  let i = 0; // the studied row's number over all slices, for the curve's sample
  const nowStudy = cal.time.toFsrs(cal.now);
  for (const slice of slices) {
    for (const [deckId, n] of slice.fresh) {
      if (n === 0) continue;
      deckOf(deckId).cards += n;
      cards += n;
    }
    for (const [deckId, stability, lastReview] of slice.studied) {
      const deck = deckOf(deckId);
      deck.cards++;
      cards++;
      const row = i++;
      if (lastReview === null || !(stability > 0)) continue;
      studied++;
      deck.studied++;
      const curve = curveOfPreset(presetOfDeck.get(deckId)!);
      const lastStudy = cal.time.toFsrs(lastReview);
      const age = Math.max(0, Math.floor((cal.examStudy - lastStudy) / DAY));
      const now = curve(Math.max(0, Math.floor((nowStudy - lastStudy) / DAY)), stability);
      const atExam = curve(age, stability);
      recalledNow += now;
      recalledAtExam += atExam;
      deck.recalledNow += now;
      deck.recalledAtExam += atExam;
      sums[0]! += curve(Math.max(0, age - days[0]!), stability);
      if (row % every === 0) {
        sampled++;
        for (let k = 1; k < days.length - 1; k++) sums[k]! += curve(Math.max(0, age - days[k]!), stability);
      }
    }
    yield;
  }
  // Today and the exam day are exact; the days between are the sample's, scaled to every card.
  const scale = sampled ? studied / sampled : 0;
  for (let k = 1; k < days.length - 1; k++) sums[k]! *= scale;
  sums[days.length - 1] = recalledAtExam;
  return {
    examId: exam.id,
    examAt: exam.examAt,
    cards,
    studied,
    recalledNow,
    recalledAtExam,
    target: exam.target,
    daysLeft: cal.daysLeft,
    decks: [...decks.values()].sort((a, b) => a.name.localeCompare(b.name)),
    curve: days.map((before, k) => ({
      day: dayName(cal.time.startOf(cal.examDay - before)),
      daysBefore: before,
      recalled: sums[k]!,
    })),
  };
}

/** The exam's forecast, read and worked out in one go. */
export function examForecast(col: Collection, exam: Exam): Forecast {
  const steps = forecastSteps(col, exam);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same forecast, a deck at a time with the event loop let run between decks: on the
 * server's one thread, Home's forecasts of large exams (0.1-0.2 s each for 100,000 cards, 1 s
 * cold on a loaded machine) would otherwise hold up the first card the user asked for. A card
 * answered meanwhile is counted once, as it was when its deck was read.
 */
export async function examForecastSliced(col: Collection, exam: Exam): Promise<Forecast> {
  const steps = forecastSteps(col, exam);
  for (;;) {
    let step: IteratorResult<void, Forecast>;
    try {
      step = steps.next();
    } catch (e) {
      throw storageError(e);
    }
    if (step.done) return step.value;
    await nextTurn();
  }
}
