/**
 * Restores a dump's exams: each one not already in the collection (same name and date) is
 * added with its decks found by name. A restored exam may lie in the past (it is history):
 * the rules for a new exam are the API's, not a restore's.
 */
import { joinTags } from '../notes/notes.ts';
import type { Collection } from '../store/collection.ts';
import type { ImportedExam } from './batch.ts';

export function applyExams(col: Collection, exams: readonly ImportedExam[], warnings: string[]): number {
  const exists = col.stmt('SELECT 1 FROM exams WHERE name = ? AND exam_at = ?');
  const deckId = col.stmt('SELECT id FROM decks WHERE name = ?').pluck();
  const insert = col.stmt(
    `INSERT INTO exams (name, exam_at, tags, target, budget_kind, budget, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addDeck = col.stmt('INSERT OR IGNORE INTO exam_decks (exam_id, deck_id) VALUES (?, ?)');
  let added = 0;
  for (const e of exams) {
    if (exists.get(e.name, e.examAt)) continue;
    const ids = e.decks.map((name) => deckId.get(name) as number | undefined);
    if (ids.some((id) => id === undefined)) {
      // An exam over every deck when its own are missing would silently widen it: leave it out.
      warnings.push(
        `exam "${e.name}" not restored: its deck "${e.decks[ids.indexOf(undefined)]}" is not in the collection`,
      );
      continue;
    }
    const { lastInsertRowid } = insert.run(
      e.name,
      e.examAt,
      joinTags(e.tags),
      e.target,
      e.budgetKind,
      e.budget,
      e.createdAt,
      e.modifiedAt,
    );
    for (const id of ids) addDeck.run(Number(lastInsertRowid), id!);
    added++;
  }
  return added;
}
