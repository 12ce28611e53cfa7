/**
 * The exam form's fields as typed (strings) and back to the API's fields, with each problem
 * of core/exams/rules.ts (shared with the API, so both refuse the same things) placed under
 * its field in the user's language.
 */
import {
  EXAM_LIMITS,
  type ExamFields,
  type ExamProblem,
  examProblems,
  PROBLEM_FIELD,
  PROBLEM_TEXT,
} from '../../../../core/exams/rules.ts';
import type { Dict } from '../../i18n/index.tsx';

export type BudgetKind = ExamFields['budgetKind'];

export interface ExamDraft {
  name: string;
  /** 'YYYY-MM-DD' and 'HH:MM', local time, as <input type=date|time> give them. */
  date: string;
  time: string;
  deckIds: number[];
  /** Tags separated by spaces (or commas). */
  tags: string;
  /** Percent, e.g. "90". */
  target: string;
  budgetKind: BudgetKind;
  budget: string;
}

/** Where a problem is shown: the rules' field names, 'examAt' being the date and time. */
export type DraftField = (typeof PROBLEM_FIELD)[ExamProblem];
export type DraftErrors = Partial<Record<DraftField, string>>;

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

export function dateString(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function timeString(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local date and time to ms; NaN when either is missing or not a real date. */
export function parseDateTime(date: string, time: string): number {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})/.exec(time);
  if (!dm || !tm) return Number.NaN;
  const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const at = new Date(y, mo - 1, d, Number(tm[1]), Number(tm[2]));
  // new Date rolls 2025-02-31 over to March: that is not the date the user typed.
  return at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : Number.NaN;
}

/** A new exam: two weeks from now at 09:00, the default target, 20 minutes a day. */
export function newDraft(now: number): ExamDraft {
  return {
    name: '',
    date: dateString(now + 14 * DAY),
    time: '09:00',
    deckIds: [],
    tags: '',
    target: String(Math.round(EXAM_LIMITS.defaultTarget * 100)),
    budgetKind: 'minutes',
    budget: '20',
  };
}

export function toDraft(e: ExamFields): ExamDraft {
  return {
    name: e.name,
    date: dateString(e.examAt),
    time: timeString(e.examAt),
    deckIds: [...e.deckIds],
    tags: e.tags.join(' '),
    // 0.875 shows as 87.5, never as 87.50000000000001.
    target: String(Math.round(e.target * 1000) / 10),
    budgetKind: e.budgetKind,
    budget: String(e.budget),
  };
}

/** A typed number; "" and anything else that is not one is NaN (the rules refuse it). */
function number(text: string): number {
  const s = text.trim().replace(',', '.');
  return s === '' ? Number.NaN : Number(s);
}

export function fromDraft(d: ExamDraft): ExamFields {
  return {
    name: d.name,
    examAt: parseDateTime(d.date, d.time),
    deckIds: d.deckIds,
    tags: d.tags.split(/[\s,，]+/).filter(Boolean),
    target: number(d.target) / 100,
    budgetKind: d.budgetKind,
    budget: number(d.budget),
  };
}

export function problemText(p: ExamProblem, t: Dict['exams']['problems']): string {
  return p === 'nameTooLong' ? t.nameTooLong(EXAM_LIMITS.nameLength) : t[p];
}

/** The form's own check, before anything is sent. */
export function draftErrors(fields: ExamFields, now: number, t: Dict['exams']['problems']): DraftErrors {
  const out: DraftErrors = {};
  for (const p of examProblems(fields, now)) out[PROBLEM_FIELD[p]] ??= problemText(p, t);
  return out;
}

/** API field names that belong to a form field. */
const API_FIELD: Record<string, DraftField> = {
  name: 'name',
  examAt: 'examAt',
  deckIds: 'scope',
  tags: 'scope',
  scope: 'scope',
  target: 'target',
  budget: 'budget',
  budgetKind: 'budget',
};

/**
 * The API's InvalidArgument message ("examAt: the exam date is in the past; scope: …") by
 * field: the rules' own problems in the user's language, anything else as the API said it.
 */
export function apiErrors(
  message: string,
  t: Dict['exams']['problems'],
): { byField: DraftErrors; rest: string[] } {
  const byField: DraftErrors = {};
  const rest: string[] = [];
  const known = new Map(Object.entries(PROBLEM_TEXT).map(([p, text]) => [text, p as ExamProblem]));
  for (const part of message.split('; ')) {
    const problem = known.get(part);
    const m = /^([\w]+)(?:\.\d+)?: (.*)$/s.exec(part);
    const field = problem ? PROBLEM_FIELD[problem] : m ? API_FIELD[m[1]!] : undefined;
    if (!field) {
      rest.push(part);
      continue;
    }
    const text = problem ? problemText(problem, t) : (m?.[2] ?? part);
    byField[field] = byField[field] ? `${byField[field]} ${text}` : text;
  }
  return { byField, rest };
}
