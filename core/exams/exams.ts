/**
 * Exams: a date to prepare for, the decks and tags it covers, a target share of cards to
 * recall on the day and a daily budget. Stored in the collection (tables `exams` and
 * `exam_decks`); everything else about an exam (its forecast, its plan) is computed.
 */
import { randomUUID } from 'node:crypto';
import { allDecks, subtreeIds } from '../decks/decks.ts';
import { invalidArgument, notFound } from '../errors.ts';
import { joinTags, splitTags } from '../notes/notes.ts';
import type { Collection } from '../store/collection.ts';
import { recordExamChange } from '../sync/settings-record.ts';
import { type ExamFields, examProblems, PROBLEM_TEXT } from './rules.ts';

export interface Exam extends ExamFields {
  id: number;
  createdAt: number;
  modifiedAt: number;
}

/** A row of the exams table as better-sqlite3 returns it. */
export interface ExamRow {
  id: number;
  name: string;
  exam_at: number;
  tags: string;
  target: number;
  budget_kind: 'minutes' | 'reviews';
  budget: number;
  created_at: number;
  modified_at: number;
  /** The exam's identity on every device (sync). */
  uuid?: string | null;
}

function toExam(col: Collection, r: ExamRow): Exam {
  const deckIds = col
    .stmt('SELECT deck_id FROM exam_decks WHERE exam_id = ? ORDER BY deck_id')
    .pluck()
    .all(r.id) as number[];
  return {
    id: r.id,
    name: r.name,
    examAt: r.exam_at,
    deckIds,
    tags: splitTags(r.tags),
    target: r.target,
    budgetKind: r.budget_kind,
    budget: r.budget,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}

export function listExams(col: Collection): Exam[] {
  const rows = col.stmt('SELECT * FROM exams ORDER BY exam_at, id').all() as ExamRow[];
  return rows.map((r) => toExam(col, r));
}

export function getExam(col: Collection, examId: number): Exam {
  const row = col.stmt('SELECT * FROM exams WHERE id = ?').get(examId) as ExamRow | undefined;
  if (!row) throw notFound(`exam ${examId} does not exist`);
  return toExam(col, row);
}

/** Refuses an exam that is invalid, names a missing deck, or covers no card (nothing is stored). */
function checkExam(col: Collection, e: ExamFields, now: number): void {
  const problems = examProblems(e, now).map((p) => PROBLEM_TEXT[p]);
  for (const d of e.deckIds) if (!col.deck(d)) problems.push(`deckIds: deck ${d} does not exist`);
  if (problems.length === 0 && scopeCardCount(col, e) === 0) problems.push(PROBLEM_TEXT.scopeEmpty);
  if (problems.length) throw invalidArgument(problems.join('; '));
}

function writeDecks(col: Collection, examId: number, deckIds: readonly number[]): void {
  col.stmt('DELETE FROM exam_decks WHERE exam_id = ?').run(examId);
  const add = col.stmt('INSERT OR IGNORE INTO exam_decks (exam_id, deck_id) VALUES (?, ?)');
  for (const d of deckIds) add.run(examId, d);
}

function normalized(e: ExamFields): ExamFields {
  return { ...e, name: e.name.trim(), tags: [...new Set(e.tags.map((t) => t.trim()).filter(Boolean))] };
}

/** The fields a patch named, as normalized (what a sync event carries). */
function pick(e: ExamFields, keys: readonly (keyof ExamFields)[]): Partial<ExamFields> {
  return Object.fromEntries(keys.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]));
}

export function createExam(col: Collection, fields: ExamFields): Exam {
  return col.tx(() => {
    const now = col.now();
    const e = normalized(fields);
    checkExam(col, e, now);
    const { lastInsertRowid } = col
      .stmt(
        `INSERT INTO exams (name, exam_at, tags, target, budget_kind, budget, created_at, modified_at, uuid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.name, e.examAt, joinTags(e.tags), e.target, e.budgetKind, e.budget, now, now, randomUUID());
    writeDecks(col, Number(lastInsertRowid), e.deckIds);
    recordExamChange(col, Number(lastInsertRowid), { s: e });
    return getExam(col, Number(lastInsertRowid));
  });
}

export function updateExam(col: Collection, examId: number, patch: Partial<ExamFields>): Exam {
  return col.tx(() => {
    const now = col.now();
    const { id: _id, createdAt: _c, modifiedAt: _m, ...current } = getExam(col, examId);
    const e = normalized({ ...current, ...patch });
    checkExam(col, e, now);
    col
      .stmt(
        `UPDATE exams SET name = ?, exam_at = ?, tags = ?, target = ?, budget_kind = ?, budget = ?,
         modified_at = ? WHERE id = ?`,
      )
      .run(e.name, e.examAt, joinTags(e.tags), e.target, e.budgetKind, e.budget, now, examId);
    writeDecks(col, examId, e.deckIds);
    recordExamChange(col, examId, { s: pick(e, Object.keys(patch) as (keyof ExamFields)[]) });
    return getExam(col, examId);
  });
}

export function deleteExam(col: Collection, examId: number): { deleted: number } {
  return col.tx(() => {
    getExam(col, examId);
    recordExamChange(col, examId, { del: 1 });
    col.stmt('DELETE FROM exams WHERE id = ?').run(examId);
    return { deleted: examId };
  });
}

export interface Scope {
  deckIds: readonly number[];
  tags: readonly string[];
}

/** The decks a scope covers with their subdecks, or null when it names none (every deck). */
export function scopeDeckIds(col: Collection, scope: Scope): number[] | null {
  if (scope.deckIds.length === 0) return null;
  const decks = allDecks(col);
  return [...new Set(scope.deckIds.flatMap((d) => subtreeIds(decks, d)))];
}

/**
 * The SQL condition for "this card is in the exam's scope": in one of its decks (with their
 * subdecks; any deck when none is named) and, when tags are named, with one of them (or a
 * child tag, `docker` covering `docker::network`). Suspended and retired cards are never
 * studied, so they are not in scope. Expects cards as `c` and notes as `n`.
 */
export function scopeWhere(
  col: Collection,
  scope: Scope,
): { sql: string; params: string[]; needsNotes: boolean } {
  const where = ['c.suspended = 0', 'c.retired = 0'];
  const params: string[] = [];
  const ids = scopeDeckIds(col, scope);
  if (ids) where.push(`c.deck_id IN (${ids.join(',')})`);
  if (scope.tags.length) {
    const any = scope.tags.map(
      () => "((' ' || n.tags || ' ') LIKE ? ESCAPE '\\' OR (' ' || n.tags) LIKE ? ESCAPE '\\')",
    );
    where.push(`(${any.join(' OR ')})`);
    for (const t of scope.tags) {
      const escaped = t.replace(/[\\%_]/g, (ch) => `\\${ch}`);
      params.push(`% ${escaped} %`, `% ${escaped}::%`);
    }
  }
  return { sql: where.join(' AND '), params, needsNotes: scope.tags.length > 0 };
}

export function scopeFrom(col: Collection, scope: Scope): { from: string; where: string; params: string[] } {
  const w = scopeWhere(col, scope);
  return {
    from: w.needsNotes ? 'cards c JOIN notes n ON n.id = c.note_id' : 'cards c',
    where: w.sql,
    params: w.params,
  };
}

export function scopeCardCount(col: Collection, scope: Scope): number {
  const s = scopeFrom(col, scope);
  return col.db
    .prepare(`SELECT count(*) FROM ${s.from} WHERE ${s.where}`)
    .pluck()
    .get(...s.params) as number;
}
