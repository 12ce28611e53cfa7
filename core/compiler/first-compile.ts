/**
 * A first compile of many files into a collection that holds no notes and has compiled no
 * file: every card is a new note, so nothing needs matching and each file's rows can be
 * stored as soon as it is read. Files are read on a second thread (parse-thread.ts) while
 * this one stores the files before them, so the compile takes about the longer of the two
 * instead of their sum. The rows, ids, positions, guids and summaries are those the general
 * compile (compile.ts) writes, in the same order.
 *
 * Only the plain case goes this way: a file with errors, warnings, images, an Obsidian
 * schedule, an id written twice, or fewer notes in all than a bulk load takes, rolls this
 * compile back and the general compile runs instead, which reports them as always.
 */
import { statSync } from 'node:fs';
import { deckIdsOf } from '../decks/decks.ts';
import type { NoteKind } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import { BULK_NOTES, withInsertsDeferred } from '../store/summaries.ts';
import { emptyTally, type FileReport } from './compile-report.ts';
import { encodeDigest, fileCards } from './incremental.ts';
import { NewNotes } from './new-notes.ts';
import { ParseAhead } from './parse-thread.ts';
import type { SourceRows } from './source-rows.ts';
import { guidOfNewNote, withNewNotesIndexes } from './store-plan.ts';

/**
 * Below this much text (about 25,000 cards) a second thread is not worth its start: ~0.1 s
 * from the build, several times that through tsx (the compiling thread reads files meanwhile).
 */
export const FIRST_COMPILE_BYTES = 2 << 20;

/** A compiled file's row: its text's digest, when, its line digest and how many cards it has. */
export const SOURCE_FILE_UPSERT = `INSERT INTO source_files (path, content_hash, compiled_at, lines, cards)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT(path) DO UPDATE SET content_hash = excluded.content_hash, compiled_at = excluded.compiled_at,
    lines = excluded.lines, cards = excluded.cards`;

/** Thrown to roll the attempt back: the general compile handles these files. */
class NotPlain extends Error {}

/**
 * Whether `files` may go this way: nothing compiled before, enough text to share out, and no
 * transaction around the compile (which a roll-back of this attempt would undo too).
 */
export function isFirstCompile(col: Collection, files: readonly string[]): boolean {
  if (col.db.inTransaction) return false;
  if (col.stmt('SELECT 1 FROM notes LIMIT 1').get() !== undefined) return false;
  if (col.stmt('SELECT 1 FROM source_files LIMIT 1').get() !== undefined) return false;
  let bytes = 0;
  for (const f of files) {
    bytes += statSync(f).size;
    if (bytes >= FIRST_COMPILE_BYTES) return true;
  }
  return false;
}

export interface FirstCompile {
  reports: FileReport[];
  decksCreated: string[];
}

/** Compiles `files` in one transaction, or changes nothing and returns null (see above). */
export function firstCompile(
  col: Collection,
  files: readonly string[],
  deckOf: (file: string) => string,
  stored: (file: string) => string,
): FirstCompile | null {
  const ahead = new ParseAhead(files.map((path) => ({ path, deck: deckOf(path) })));
  const decksCreated: string[] = [];
  const deckId = deckIdsOf(col, decksCreated);
  try {
    return col.tx(() => {
      const reports: FileReport[] = [];
      // What each file's source_files row needs; the rest of its rows is let go once stored.
      const read: { rows: SourceRows; line: Uint32Array; id: (string | null)[]; noteIds: number[] }[] = [];
      // As storePlans stores a bulk load of new notes: summaries and indexes made once after.
      withInsertsDeferred(col.db, BULK_NOTES, () =>
        withNewNotesIndexes(col, () => {
          const queued = new NewNotes(col);
          const ids = new Set<string>();
          let notes = 0;
          for (let i = 0; i < files.length; i++) {
            const rows = ahead.take(i);
            const c = rows.cards;
            if (!c) throw new NotPlain();
            const file = files[i]!;
            const r: FileReport = { file, status: 'compiled', ...emptyTally(), editedFronts: [] };
            reports.push(r);
            const sourceFile = stored(file);
            const noteIds: number[] = [];
            // The deck id of each of the file's distinct texts that names a deck, looked up once.
            const deckOf: number[] = [];
            for (let k = 0, o = 0; k < c.line.length; k++) {
              if (deckOf[c.deck[k]!] === undefined) deckOf[c.deck[k]!] = deckId(c.texts[c.deck[k]!]!);
              const id = c.id[k]!;
              if (id !== null) {
                if (ids.has(id)) throw new NotPlain(); // reported by the general compile
                ids.add(id);
              }
              const ords = c.ords.subarray(o, o + c.ordCount[k]!);
              o += ords.length;
              const added = queued.add(
                c.fieldsJson[k]!,
                {
                  deckId: deckOf[c.deck[k]!]!,
                  kind: c.texts[c.kind[k]!] as NoteKind,
                  tags: c.tags,
                  context: c.texts[c.context[k]!]!,
                  sourceFile,
                  sourceLine: c.line[k]!,
                  sourceIndex: k,
                  sourceKey: c.hashes.slice(64 * k + 32, 64 * k + 64),
                  sourceId: id,
                  sourceSection: c.source,
                  contentHash: c.hashes.slice(64 * k, 64 * k + 32),
                  guid: guidOfNewNote(queued, id),
                },
                ords,
              );
              noteIds.push(added.noteId);
              r.added++;
              r.cardsAdded += added.cards;
            }
            notes += noteIds.length;
            read.push({ rows: { ...rows, cards: null }, line: c.line, id: c.id, noteIds });
          }
          queued.flush();
          if (notes < BULK_NOTES) throw new NotPlain(); // a small load indexes its text now
        }),
      );
      const upsert = col.stmt(SOURCE_FILE_UPSERT);
      for (const { rows, line, id, noteIds } of read) {
        const cards = fileCards(noteIds.map((note, k) => [note, line[k]!, id[k]!] as const));
        const lines = encodeDigest(rows.digest, cards);
        upsert.run(stored(rows.path), rows.hash, col.now(), lines, noteIds.length);
      }
      return { reports, decksCreated };
    });
  } catch (e) {
    if (e instanceof NotPlain) return null;
    throw e;
  } finally {
    ahead.close();
  }
}
