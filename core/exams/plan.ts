/**
 * An exam's plan, made from the collection: the cards in scope, the user's own answer time
 * (for a budget in minutes) and the days left, handed to the pure planner (planner.ts).
 * The plan never writes to cards; the exam session (session.ts) offers today's part of it.
 *
 * Plans are cached per exam and re-made when the collection changed (SQLite's data_version
 * for other processes, total_changes for this one), so asking again costs nothing.
 */
import { dayName } from '../stats/stats.ts';
import type { Collection } from '../store/collection.ts';
import { seededRandom } from '../util/random.ts';
import { type ExamCalendar, type ExamCard, examCalendar, examCards, isStudied } from './exam-cards.ts';
import type { Exam } from './exams.ts';
import { type MemoryModel, memoryModel } from './model.ts';
import { makePlan, type PlanCard, type PlanInput, type PlanOutput } from './planner.ts';

/** Without enough history to measure it, an answer is taken to last this long. */
const DEFAULT_ANSWER_MS = 8_000;
/** The budget search plans on a sample this large (the budget needed scales with the cards). */
const SEARCH_SAMPLE = 600;

export interface ExamPlanDay {
  day: string;
  /** Day start (ms). */
  start: number;
  reviews: number;
  newCards: number;
  /** Expected answers (a lapse is relearned the same day) and the minutes they take. */
  answers: number;
  minutes: number;
}

export interface ExamPlan {
  examId: number;
  cards: number;
  daysLeft: number;
  /** Median seconds per answer (the user's last answers, or a default) used for minutes. */
  secondsPerAnswer: number;
  /** Answers per day the budget allows. */
  answersPerDay: number;
  expectedAtExam: number;
  expectedIfNothing: number;
  target: number;
  reachesTarget: boolean;
  /** The daily budget (in the exam's unit) that would reach the target, when this one does not. */
  budgetToReach: number | null;
  /** True when even studying every card every day would not reach the target. */
  targetOutOfReach: boolean;
  days: ExamPlanDay[];
  curve: { day: string; daysBefore: number; plan: number; nothing: number }[];
  /** Today's planned card ids, best first. */
  today: number[];
}

interface Cached {
  key: string;
  plan: ExamPlan;
  /** Study day and exam version the plan was made for: what the session needs to stay valid. */
  sessionKey: string;
}

const cache = new WeakMap<Collection, Map<number, Cached>>();

function changeKey(col: Collection): string {
  const v = col.db.pragma('data_version', { simple: true });
  const t = col.stmt('SELECT total_changes()').pluck().get();
  return `${v}:${t}`;
}

function sessionKey(col: Collection, exam: Exam, cal: ExamCalendar): string {
  const maxCard = col.stmt('SELECT max(id) FROM cards').pluck().get();
  return `${JSON.stringify(exam)}:${cal.today}:${maxCard}:${col.settings().dayStartHour}`;
}

/** Median answer time of the last 500 answers (capped at 60 s each, as Anki caps them). */
export function secondsPerAnswer(col: Collection): number {
  const ms = col
    .stmt(`SELECT min(duration_ms, 60000) FROM review_log WHERE kind <> 'manual' ORDER BY seq DESC LIMIT 500`)
    .pluck()
    .all() as number[];
  if (ms.length < 20) return DEFAULT_ANSWER_MS / 1000;
  ms.sort((a, b) => a - b);
  return Math.max(1, ms[Math.floor(ms.length / 2)]!) / 1000;
}

function answersPerDay(exam: Exam, budget: number, seconds: number): number {
  return exam.budgetKind === 'reviews' ? budget : (budget * 60) / seconds;
}

/** Answers already given today to cards in scope (they use up today's budget). */
function answeredToday(col: Collection, cards: readonly ExamCard[], cal: ExamCalendar): Set<number> {
  // Today's answers by time (the log's time index), then kept if in scope: a join would seek
  // the log once per card in scope instead.
  const today = col
    .stmt(
      `SELECT DISTINCT card_id FROM review_log INDEXED BY review_log_time WHERE reviewed_at >= ? AND kind <> 'cram'`,
    )
    .pluck()
    .all(cal.time.startOf(cal.today)) as number[];
  if (today.length === 0) return new Set();
  const inScope = new Set(cards.map((c) => c.id));
  return new Set(today.filter((id) => inScope.has(id)));
}

function planInput(
  col: Collection,
  cards: ExamCard[],
  cal: ExamCalendar,
  perDay: number,
  doneToday: number,
): PlanInput {
  const daysLeft = cal.daysLeft;
  const models: MemoryModel[] = [];
  const index = new Map<number, number>();
  const modelOf = (presetId: number) => {
    let i = index.get(presetId);
    if (i === undefined) {
      i = models.push(memoryModel(col.preset(presetId)!)) - 1;
      index.set(presetId, i);
    }
    return i;
  };
  const planCards: PlanCard[] = cards.map((c) => ({
    id: c.id,
    noteId: c.noteId,
    model: modelOf(c.presetId),
    isNew: !isStudied(c),
    s: c.stability,
    d: c.difficulty,
    age: c.ageAtExam,
  }));
  const budget = Array.from({ length: daysLeft }, (_, j) =>
    j === 0 ? Math.max(0, perDay - doneToday) : perDay,
  );
  return { cards: planCards, models, days: daysLeft, budget };
}

/**
 * The smallest answers-per-day that reaches the target, searched on a sample of the cards.
 * The sample's share at the current budget is compared with the whole plan's (`fullShare`),
 * and the target moved by the difference, so the sample's luck does not move the answer.
 */
function answersToReach(
  input: PlanInput,
  target: number,
  seed: number,
  from: number,
  fullShare: number,
): number | null {
  const rand = seededRandom(seed);
  const sample =
    input.cards.length <= SEARCH_SAMPLE
      ? input.cards
      : input.cards.filter(() => rand() < SEARCH_SAMPLE / input.cards.length);
  const scale = input.cards.length / Math.max(1, sample.length);
  const share = (perDay: number) =>
    makePlan({ ...input, cards: sample, budget: input.budget.map(() => perDay / scale) }).expectedAtExam /
    Math.max(1, sample.length);
  const goal = target + (share(from) - fullShare);
  const reaches = (perDay: number) => share(perDay) >= goal;
  // Up from the budget that falls short, doubling, to every card every day with its
  // relearning (the most a day can usefully hold); then halving the gap to within 3%.
  const most = input.cards.length * 3;
  let lo = Math.max(1, from);
  let hi = Math.min(most, lo * 2);
  while (!reaches(hi)) {
    if (hi >= most) return null;
    lo = hi;
    hi = Math.min(most, hi * 2);
  }
  while (hi - lo > Math.max(1, hi * 0.03)) {
    const mid = (lo + hi) / 2;
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function buildPlan(col: Collection, exam: Exam): { plan: ExamPlan; cal: ExamCalendar } {
  const cal = examCalendar(col, exam);
  const cards = examCards(col, exam, cal);
  const seconds = secondsPerAnswer(col);
  const perDay = answersPerDay(exam, exam.budget, seconds);
  const done = answeredToday(col, cards, cal);
  const input = planInput(col, cards, cal, perDay, done.size);
  // A card answered today is not planned again today.
  const out: PlanOutput = makePlan({ ...input, skipToday: done });
  const reachesTarget = out.expectedAtExam >= exam.target * cards.length;
  let budgetToReach: number | null = null;
  let targetOutOfReach = false;
  if (!reachesTarget && cal.daysLeft > 0) {
    const answers = answersToReach(input, exam.target, exam.id, perDay, out.expectedAtExam / cards.length);
    if (answers === null) targetOutOfReach = true;
    else
      budgetToReach =
        exam.budgetKind === 'reviews' ? Math.ceil(answers) : Math.ceil((answers * seconds) / 60);
  } else if (!reachesTarget) targetOutOfReach = true;
  const days: ExamPlanDay[] = out.days.map((planned, j) => {
    const start = cal.time.startOf(cal.today + j);
    const answers = planned.reduce((a, p) => a + p.cost, 0);
    const newCards = planned.filter((p) => p.isNew).length;
    return {
      day: dayName(start),
      start,
      reviews: planned.length - newCards,
      newCards,
      answers,
      minutes: (answers * seconds) / 60,
    };
  });
  const plan: ExamPlan = {
    examId: exam.id,
    cards: cards.length,
    daysLeft: cal.daysLeft,
    secondsPerAnswer: seconds,
    answersPerDay: perDay,
    expectedAtExam: out.expectedAtExam,
    expectedIfNothing: out.expectedIfNothing,
    target: exam.target,
    reachesTarget,
    budgetToReach,
    targetOutOfReach,
    days,
    curve: out.curve.map((plan, j) => ({
      day: dayName(cal.time.startOf(cal.today + j)),
      daysBefore: cal.daysLeft - j,
      plan,
      nothing: out.curveIfNothing[j]!,
    })),
    today: (out.days[0] ?? []).map((p) => p.id),
  };
  return { plan, cal };
}

/** The exam's plan, re-made only when the collection or the exam changed since the last one. */
export function examPlan(col: Collection, exam: Exam): ExamPlan {
  let perExam = cache.get(col);
  if (!perExam) {
    perExam = new Map();
    cache.set(col, perExam);
  }
  const key = `${changeKey(col)}:${JSON.stringify(exam)}:${examCalendar(col, exam).today}`;
  const hit = perExam.get(exam.id);
  if (hit && hit.key === key) return hit.plan;
  const { plan, cal } = buildPlan(col, exam);
  perExam.set(exam.id, { key, plan, sessionKey: sessionKey(col, exam, cal) });
  return plan;
}

/**
 * Today's planned cards for the exam session. Answers do not re-make the plan (the session
 * skips cards answered today); a new study day, an edit of the exam or new cards do.
 */
export function todaysPlan(col: Collection, exam: Exam): number[] {
  const cal = examCalendar(col, exam);
  const hit = cache.get(col)?.get(exam.id);
  if (hit && hit.sessionKey === sessionKey(col, exam, cal)) return hit.plan.today;
  return examPlan(col, exam).today;
}
