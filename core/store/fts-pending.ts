/**
 * The full-text index of notes a large compile added, written after the compile instead of
 * inside it (0.8 s of a 100,000-card compile): the compile records from which note id the
 * index is behind (migration 9), and the index is caught up on the first text search that
 * needs it, or when the app is idle after opening. Until then nothing is wrong, only
 * unindexed: notes added, edited or deleted meanwhile keep their rows in step by the
 * triggers as always, and catching up indexes only the notes the index does not hold.
 */
import type { Collection } from './collection.ts';
import type { Db } from './db.ts';

/**
 * A note's text values, one a line, from its fields column `fields`: what notes_fts holds for
 * it (as migration 7 fills it) and what Browse's LIKE checks.
 */
export const noteTextOf = (fields: string) =>
  `(SELECT group_concat(value, char(10)) FROM json_each(${fields}) WHERE type = 'text')`;
export const NOTE_TEXT = noteTextOf('fields');

/** Notes from `fromId` on are not (all) in the index yet; an earlier mark still pending is kept. */
export function markNotesUnindexed(db: Db, fromId: number): void {
  db.prepare(
    `INSERT INTO notes_fts_pending (id, from_id) VALUES (1, ?)
     ON CONFLICT (id) DO UPDATE SET from_id = min(from_id, excluded.from_id)`,
  ).run(fromId);
}

/** The first note id the index may be missing, or null when it is complete. */
export function unindexedFrom(db: Db): number | null {
  return (db.prepare('SELECT from_id FROM notes_fts_pending WHERE id = 1').pluck().get() as number) ?? null;
}

/** Forgets the mark: whoever calls it has just indexed every note (a full rebuild). */
export function clearUnindexed(db: Db): void {
  db.prepare('DELETE FROM notes_fts_pending').run();
}

/**
 * Indexes the notes the index is behind on, in one statement, then merges the index into one
 * segment (left as the bulk insert wrote it, the next edits merged it piece by piece: a 1%
 * recompile took 0.63 s instead of 0.18 s). Returns how many notes it indexed; 0 and no write
 * when nothing is pending.
 */
export function indexPendingNotes(col: Collection): number {
  if (unindexedFrom(col.db) === null) return 0;
  return col.tx(() => {
    // Read again under the write lock: another process may have caught up meanwhile.
    const from = unindexedFrom(col.db);
    if (from === null) return 0;
    const added = col.db
      .prepare(
        `INSERT INTO notes_fts (rowid, body)
         SELECT id, ${NOTE_TEXT} FROM notes
         WHERE id >= @from AND id NOT IN (SELECT rowid FROM notes_fts WHERE rowid >= @from)`,
      )
      .run({ from }).changes;
    col.db.exec("INSERT INTO notes_fts (notes_fts) VALUES ('optimize')");
    clearUnindexed(col.db);
    return added;
  });
}

/**
 * Whether text search may read the index: yes once it is complete, catching it up first
 * when a compile left it behind; a read-only collection that cannot catch up searches
 * without it.
 */
export function notesIndexReady(col: Collection): boolean {
  if (unindexedFrom(col.db) === null) return true;
  if (col.db.readonly) return false;
  indexPendingNotes(col);
  return true;
}
