/**
 * What makes an exam valid. Shared by the service API (which refuses a bad exam with these
 * problems in English) and the Exams form (which shows them in the user's language before
 * saving). No imports, so the renderer can share it.
 */

export type BudgetKind = 'minutes' | 'reviews';

export interface ExamFields {
  name: string;
  /** When the exam starts (ms since the epoch). */
  examAt: number;
  deckIds: number[];
  tags: string[];
  /** Share of the exam's cards to recall on the day, in (0, 1). */
  target: number;
  budgetKind: BudgetKind;
  /** Per day: minutes of study, or a number of answers. */
  budget: number;
}

export type ExamProblem =
  | 'nameEmpty'
  | 'nameTooLong'
  | 'dateInPast'
  | 'dateInvalid'
  | 'scopeEmpty'
  | 'targetOutOfRange'
  | 'budgetNotPositive'
  | 'budgetTooLarge';

export const EXAM_LIMITS = {
  nameLength: 200,
  /** Per day: a whole day of study, or as many answers as anyone could give. */
  budgetMax: { minutes: 1440, reviews: 100_000 },
  defaultTarget: 0.9,
} as const;

/** The field each problem is about (the form shows it under that field). */
export const PROBLEM_FIELD: Record<ExamProblem, keyof ExamFields | 'scope'> = {
  nameEmpty: 'name',
  nameTooLong: 'name',
  dateInPast: 'examAt',
  dateInvalid: 'examAt',
  scopeEmpty: 'scope',
  targetOutOfRange: 'target',
  budgetNotPositive: 'budget',
  budgetTooLarge: 'budget',
};

/** English text of each problem (the API's error message; the UI has both languages). */
export const PROBLEM_TEXT: Record<ExamProblem, string> = {
  nameEmpty: 'name: an exam needs a name',
  nameTooLong: `name: at most ${EXAM_LIMITS.nameLength} characters`,
  dateInPast: 'examAt: the exam date is in the past',
  dateInvalid: 'examAt: not a date',
  scopeEmpty: 'scope: choose at least one deck or tag that has cards',
  targetOutOfRange: 'target: the target is a share strictly between 0 and 1 (e.g. 0.9)',
  budgetNotPositive: 'budget: the daily budget must be more than 0',
  budgetTooLarge: 'budget: more than a day can hold',
};

/** Everything wrong with an exam as it would be saved at `now` (empty when it is fine). */
export function examProblems(e: ExamFields, now: number): ExamProblem[] {
  const out: ExamProblem[] = [];
  const name = e.name.trim();
  if (!name) out.push('nameEmpty');
  else if (name.length > EXAM_LIMITS.nameLength) out.push('nameTooLong');
  if (!Number.isFinite(e.examAt)) out.push('dateInvalid');
  else if (e.examAt <= now) out.push('dateInPast');
  if (e.deckIds.length === 0 && e.tags.every((t) => !t.trim())) out.push('scopeEmpty');
  if (!(e.target > 0 && e.target < 1)) out.push('targetOutOfRange');
  if (!(e.budget > 0)) out.push('budgetNotPositive');
  else if (e.budget > EXAM_LIMITS.budgetMax[e.budgetKind]) out.push('budgetTooLarge');
  return out;
}
