/**
 * An exam set from its folded events (see settings-merge.ts), found by its uuid: deleted,
 * made, or updated where it differs. Its decks travel by name path: an exam waits while its
 * making has not arrived or none of the decks it names is compiled here (an exam with no
 * deck would cover every deck), and takes the others as they come.
 */
import { EXAM_LIMITS } from '../exams/rules.ts';
import { joinTags } from '../notes/notes.ts';
import type { Collection } from '../store/collection.ts';
import { fold } from './settings-fold.ts';

interface Fields {
  name?: string;
  examAt?: number;
  tags?: string[];
  target?: number;
  budgetKind?: 'minutes' | 'reviews';
  budget?: number;
  decks?: string[];
}

/** Returns whether the exam is as its events say (false: it waits). */
export function applyExam(col: Collection, uuid: string): boolean {
  const f = fold(col, 'exam', uuid);
  if (!f) return true;
  const row = col.stmt('SELECT * FROM exams WHERE uuid = ?').get(uuid) as
    | {
        id: number;
        name: string;
        exam_at: number;
        tags: string;
        target: number;
        budget_kind: string;
        budget: number;
      }
    | undefined;
  if (f.deleted) {
    if (row) col.stmt('DELETE FROM exams WHERE id = ?').run(row.id);
    return true;
  }
  const e = f.fields as Fields;
  if (e.name === undefined || e.examAt === undefined || e.budgetKind === undefined || e.budget === undefined)
    return false;
  const names = e.decks ?? [];
  const deckId = col.stmt('SELECT id FROM decks WHERE name = ?').pluck();
  const ids = names.map((n) => deckId.get(n) as number | undefined).filter((d) => d !== undefined);
  if (names.length > 0 && ids.length === 0) return false;
  const values = {
    name: e.name,
    exam_at: e.examAt,
    tags: joinTags(e.tags ?? []),
    target: e.target ?? EXAM_LIMITS.defaultTarget,
    budget_kind: e.budgetKind,
    // Budget and its kind may come from two devices' edits: kept within what the kind allows.
    budget: Math.min(e.budget, EXAM_LIMITS.budgetMax[e.budgetKind]),
  };
  let id: number;
  if (!row) {
    id = Number(
      col
        .stmt(
          `INSERT INTO exams (name, exam_at, tags, target, budget_kind, budget, created_at, modified_at, uuid)
           VALUES (@name, @exam_at, @tags, @target, @budget_kind, @budget, @created, @modified, @uuid)`,
        )
        .run({ ...values, created: f.first.at, modified: f.last.at, uuid }).lastInsertRowid,
    );
  } else {
    id = row.id;
    if ((Object.keys(values) as (keyof typeof values)[]).some((k) => row[k] !== values[k])) {
      col
        .stmt(
          `UPDATE exams SET name = @name, exam_at = @exam_at, tags = @tags, target = @target,
           budget_kind = @budget_kind, budget = @budget, modified_at = @modified WHERE id = @id`,
        )
        .run({ ...values, modified: f.last.at, id });
    }
  }
  const current = col
    .stmt('SELECT deck_id FROM exam_decks WHERE exam_id = ? ORDER BY deck_id')
    .pluck()
    .all(id) as number[];
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  if (current.join() !== wanted.join()) {
    col.stmt('DELETE FROM exam_decks WHERE exam_id = ?').run(id);
    const add = col.stmt('INSERT INTO exam_decks (exam_id, deck_id) VALUES (?, ?)');
    for (const d of wanted) add.run(id, d);
  }
  return ids.length === names.length;
}
