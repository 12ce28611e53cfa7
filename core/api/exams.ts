/** The `exams` and `cram` groups of the service API: exams, their forecast and plan, cram sessions. */
import * as z from 'zod';
import { notFound } from '../errors.ts';
import { type CramKind, cramCards, logCramAnswer } from '../exams/cram.ts';
import { createExam, deleteExam, getExam, listExams, type Scope, updateExam } from '../exams/exams.ts';
import { examForecastSliced } from '../exams/forecast.ts';
import { examPlan } from '../exams/plan.ts';
import { EXAM_LIMITS } from '../exams/rules.ts';
import type { Collection } from '../store/collection.ts';
import { id, method, noArgs } from './define.ts';

const tag = z.string().regex(/^\S+$/, 'a tag has no spaces').max(200);
const examShape = {
  name: z.string().max(1000),
  examAt: z.number().int(),
  deckIds: z.array(id).max(1000),
  tags: z.array(tag).max(100),
  // Range checks are the rules' (rules.ts), so the API and the form say the same thing.
  target: z.number().finite(),
  budgetKind: z.enum(['minutes', 'reviews']),
  budget: z.number().finite(),
};
const newExam = z.strictObject({
  ...examShape,
  deckIds: examShape.deckIds.default([]),
  tags: examShape.tags.default([]),
  target: examShape.target.default(EXAM_LIMITS.defaultTarget),
});
/** Only the fields given change. */
const examPatch = z.strictObject(examShape).partial().extend({ examId: id });

const cramKinds = ['weakest', 'forgotten', 'ahead', 'preview'] as const satisfies readonly CramKind[];

export function examsApi(col: Collection) {
  return {
    list: method(noArgs, () => listExams(col)),
    get: method(z.strictObject({ examId: id }), (a) => getExam(col, a.examId)),
    create: method(newExam, (a) => createExam(col, a)),
    update: method(examPatch, ({ examId, ...patch }) => updateExam(col, examId, patch)),
    delete: method(z.strictObject({ examId: id }), (a) => deleteExam(col, a.examId)),
    /** Predicted recall now and at the exam, per deck and in all, and its curve doing nothing more. */
    // A deck at a time, letting other calls (the first card) in between (forecast.ts).
    forecast: method(z.strictObject({ examId: id }), (a) => examForecastSliced(col, getExam(col, a.examId))),
    /** The plan toward the exam: cards per day, its workload, and recall following it vs doing nothing. */
    plan: method(z.strictObject({ examId: id }), (a) => {
      const { today, ...plan } = examPlan(col, getExam(col, a.examId));
      return { ...plan, todayCards: today.length };
    }),
  };
}

export function cramApi(col: Collection) {
  return {
    /** The cards of a cram session, in order, and whether answering them reschedules. */
    start: method(
      z
        .strictObject({
          kind: z.enum(cramKinds),
          examId: id.optional(),
          deckId: id.optional(),
          limit: z.number().int().min(1).max(10_000).default(50),
          days: z.number().int().min(1).max(365).default(7),
          seed: z.number().int().default(1),
        })
        .refine((a) => !(a.examId && a.deckId), { message: 'give an exam or a deck, not both' }),
      (a) => {
        const exam = a.examId ? getExam(col, a.examId) : undefined;
        if (a.deckId && !col.deck(a.deckId)) throw notFound(`deck ${a.deckId} does not exist`);
        const scope: Scope = exam ?? { deckIds: a.deckId ? [a.deckId] : [], tags: [] };
        return cramCards(col, { kind: a.kind, exam, scope, limit: a.limit, days: a.days, seed: a.seed });
      },
    ),
    /** Logs a preview answer (kind 'cram'); the card's scheduling is left exactly as it was. */
    answer: method(
      z.strictObject({
        cardId: id,
        rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
          error: 'rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
        }),
        durationMs: z.number().finite().nonnegative().max(86_400_000),
      }),
      (a) => logCramAnswer(col, a.cardId, a.rating, Math.round(a.durationMs)),
    ),
  };
}
