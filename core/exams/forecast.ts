/**
 * Predicted recall: for every card in an exam's scope, the probability of recalling it at a
 * given moment from its FSRS memory state (ts-fsrs's forgetting curve with its preset's
 * parameters, days counted in study days exactly as ts-fsrs's get_retrievability counts
 * them), summed per deck and for the exam. A card never studied counts 0.
 */
import { allDecks } from '../decks/decks.ts';
import { schedulerFor } from '../scheduler/fsrs.ts';
import { dayName } from '../stats/stats.ts';
import type { Collection } from '../store/collection.ts';
import { type ExamCalendar, type ExamCard, examCalendar, examCards, isStudied } from './exam-cards.ts';
import type { Exam } from './exams.ts';

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
function curves(col: Collection): (presetId: number) => (days: number, s: number) => number {
  const byPreset = new Map<number, (days: number, s: number) => number>();
  return (presetId) => {
    let f = byPreset.get(presetId);
    if (!f) {
      const scheduler = schedulerFor(col.preset(presetId)!);
      // get_retrievability rounds the stability to 8 decimals before the curve: so do we.
      f = (days, s) => scheduler.forgetting_curve(days, +s.toFixed(8));
      byPreset.set(presetId, f);
    }
    return f;
  };
}

/** Each card's probability of recall `daysBefore` study days before the exam, at the exam's time of day. */
export function recallAt(
  curveOf: (days: number, s: number) => number,
  c: ExamCard,
  daysBefore: number,
): number {
  if (!isStudied(c)) return 0;
  return curveOf(Math.max(0, c.ageAtExam - daysBefore), c.stability);
}

export function examForecast(
  col: Collection,
  exam: Exam,
  loaded?: { cal: ExamCalendar; cards: ExamCard[] },
): Forecast {
  const cal = loaded?.cal ?? examCalendar(col, exam);
  const cards = loaded?.cards ?? examCards(col, exam, cal);
  const curveOfPreset = curves(col);
  const names = new Map(allDecks(col).map((d) => [d.id, d.name]));
  const decks = new Map<number, DeckForecast>();
  const days = curveDays(cal.daysLeft);
  const sums = new Float64Array(days.length);
  let recalledNow = 0;
  let recalledAtExam = 0;
  let studied = 0;
  const nowStudy = cal.time.toFsrs(cal.now);
  for (const c of cards) {
    let deck = decks.get(c.deckId);
    if (!deck) {
      deck = {
        deckId: c.deckId,
        name: names.get(c.deckId) ?? '',
        cards: 0,
        studied: 0,
        recalledNow: 0,
        recalledAtExam: 0,
      };
      decks.set(c.deckId, deck);
    }
    deck.cards++;
    if (!isStudied(c)) continue;
    studied++;
    deck.studied++;
    const curve = curveOfPreset(c.presetId);
    const nowAge = Math.max(0, Math.floor((nowStudy - cal.time.toFsrs(c.lastReview!)) / DAY));
    const now = curve(nowAge, c.stability);
    const atExam = curve(c.ageAtExam, c.stability);
    recalledNow += now;
    recalledAtExam += atExam;
    deck.recalledNow += now;
    deck.recalledAtExam += atExam;
    for (let k = 0; k < days.length; k++)
      sums[k]! += k === days.length - 1 ? atExam : recallAt(curve, c, days[k]!);
  }
  return {
    examId: exam.id,
    examAt: exam.examAt,
    cards: cards.length,
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
