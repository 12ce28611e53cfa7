/**
 * Cram sessions (date-aware custom study) over an exam's scope or a deck:
 * - weakest: the lowest probability of recall at the exam (or now, for a deck), first;
 * - forgotten: cards answered Again in the last N days;
 * - ahead: review cards due in the next N days, soonest first (study ahead);
 * - preview: every card in scope in a seeded random order, which does NOT reschedule.
 * The first three are answered through the normal answer path and reschedule as any answer
 * does; a preview answer is only logged (kind 'cram') and leaves the card row untouched.
 */
import { type Grade, State } from 'ts-fsrs';
import { invalidArgument } from '../errors.ts';
import { studyableCard } from '../review/answer.ts';
import { uuidv7 } from '../review/uuid.ts';
import { fsrsColumnsOf } from '../scheduler/fsrs.ts';
import type { Collection } from '../store/collection.ts';
import { seededRandom } from '../util/random.ts';
import { ageAtExam, examCalendar, examCards, isStudied } from './exam-cards.ts';
import type { Exam, Scope } from './exams.ts';
import { curves } from './forecast.ts';

export type CramKind = 'weakest' | 'forgotten' | 'ahead' | 'preview';

export const CRAM_RESCHEDULES: Record<CramKind, boolean> = {
  weakest: true,
  forgotten: true,
  ahead: true,
  preview: false,
};

export interface CramOptions {
  kind: CramKind;
  /** An exam (its scope, and "weakest" at its date) or a plain scope ("weakest" now). */
  exam?: Exam;
  scope: Scope;
  limit: number;
  /** For 'forgotten' and 'ahead'. */
  days: number;
  seed: number;
}

export interface CramSession {
  kind: CramKind;
  reschedules: boolean;
  cardIds: number[];
}

export function cramCards(col: Collection, o: CramOptions): CramSession {
  const now = col.now();
  // The exam's calendar, or "now" as the moment a plain scope is judged at.
  const examAt = o.exam?.examAt ?? now;
  const cal = examCalendar(col, { examAt });
  const cards = examCards(
    col,
    { id: 0, ...(o.exam ?? {}), deckIds: [...o.scope.deckIds], tags: [...o.scope.tags] } as Exam,
    cal,
  );
  let ids: number[];
  if (o.kind === 'weakest') {
    const curveOf = curves(col);
    ids = cards
      .filter(isStudied)
      .map((c) => ({ id: c.id, r: curveOf(c.presetId)(ageAtExam(cal, c.lastReview!), c.stability) }))
      .sort((a, b) => a.r - b.r || a.id - b.id)
      .map((c) => c.id);
  } else if (o.kind === 'forgotten') {
    const since = cal.time.startOf(cal.time.day(now) - o.days + 1);
    const forgot = new Set(
      col
        .stmt(
          `SELECT DISTINCT card_id FROM review_log WHERE reviewed_at >= ? AND rating = 1 AND kind <> 'cram'`,
        )
        .pluck()
        .all(since) as number[],
    );
    ids = cards.filter((c) => forgot.has(c.id)).map((c) => c.id);
  } else if (o.kind === 'ahead') {
    const until = cal.time.startOf(cal.time.day(now) + 1 + o.days);
    const todayEnd = cal.time.startOf(cal.time.day(now) + 1);
    ids = cards
      .filter((c) => c.state === State.Review && c.due >= todayEnd && c.due < until)
      .sort((a, b) => a.due - b.due || a.id - b.id)
      .map((c) => c.id);
  } else {
    const rand = seededRandom(o.seed);
    ids = cards.map((c) => c.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
  }
  return { kind: o.kind, reschedules: CRAM_RESCHEDULES[o.kind], cardIds: ids.slice(0, o.limit) };
}

/**
 * A preview answer: logged as 'cram' (so the day's count and time include it) with the card's
 * state unchanged before and after; the card row is not touched. Undoable like any answer.
 */
export function logCramAnswer(col: Collection, cardId: number, rating: Grade, durationMs: number) {
  if (![1, 2, 3, 4].includes(rating)) throw invalidArgument('rating must be 1, 2, 3 or 4');
  return col.tx(() => {
    const now = col.now();
    const card = studyableCard(col, cardId);
    // The state the card keeps, as an answer's log row records it.
    const state = JSON.stringify(fsrsColumnsOf(card));
    const reviewId = uuidv7(now);
    col
      .stmt(
        `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
         VALUES (?, ?, ?, ?, 'cram', ?, ?, ?, ?, ?)`,
      )
      .run(reviewId, card.id, card.deck_id, rating, card.state, now, durationMs, state, state);
    col.pushUndo('cram', reviewId, [{ table: 'review_log', key: reviewId, row: null }]);
    return { reviewId, cardId: card.id };
  });
}
