import { invalidArgument } from '../errors.ts';
import type { NoteKind } from '../model/types.ts';
import { uuidv7 } from '../review/uuid.ts';
import type { Collection } from '../store/collection.ts';
import { cardOrds, type NoteFields } from './render.ts';

export interface NewNote {
  deckId: number;
  kind: NoteKind;
  fields: NoteFields;
  tags?: readonly string[];
  context?: string;
  guid?: string;
  sourceFile?: string | null;
  sourceLine?: number | null;
  contentHash?: string | null;
  sourceKey?: string | null;
  sourceId?: string | null;
  sourceIndex?: number | null;
  sourceSection?: string | null;
}

/** Tags are stored space separated, like Anki's; a tag itself has no spaces. */
export function joinTags(tags: readonly string[]): string {
  let joined = joined_.get(tags);
  if (joined === undefined) {
    joined = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].join(' ');
    joined_.set(tags, joined);
  }
  return joined;
}

/** A deck file's cards share one tags array: join it once. */
const joined_ = new WeakMap<readonly string[], string>();

export function splitTags(tags: string): string[] {
  return tags.split(' ').filter(Boolean);
}

/** A note's columns in an INSERT, after its id (addNote and the compiler's bulk insert, new-notes.ts). */
export const NOTE_INSERT_COLUMNS = `guid, kind, fields, tags, context, source_file, source_line, content_hash, created_at,
  modified_at, source_key, source_id, source_index, source_section`;

/** What a new note's row holds besides its fields (stored as their JSON). */
export type NoteRowValues = Omit<NewNote, 'fields'>;

/** The values of NOTE_INSERT_COLUMNS for a new note; `fieldsJson` is JSON.stringify(note.fields). */
export function noteInsertValues(
  note: NoteRowValues,
  guid: string,
  fieldsJson: string,
  now: number,
): unknown[] {
  const values: unknown[] = [];
  writeNoteValues(values, 0, note, guid, fieldsJson, now);
  return values;
}

/**
 * noteInsertValues written into `values` from `at` on (a bulk load's rows, kept in one array
 * it writes in place); returns the index after them.
 */
export function writeNoteValues(
  values: unknown[],
  at: number,
  note: NoteRowValues,
  guid: string,
  fieldsJson: string,
  now: number,
): number {
  let i = at;
  values[i++] = guid;
  values[i++] = note.kind;
  values[i++] = fieldsJson;
  values[i++] = joinTags(note.tags ?? []);
  values[i++] = note.context ?? '';
  values[i++] = note.sourceFile ?? null;
  values[i++] = note.sourceLine ?? null;
  values[i++] = note.contentHash ?? null;
  values[i++] = now;
  values[i++] = now;
  values[i++] = note.sourceKey ?? null;
  values[i++] = note.sourceId ?? null;
  values[i++] = note.sourceIndex ?? null;
  values[i++] = note.sourceSection ?? null;
  return i;
}

/** The ords of a new note's cards; a cloze with no deletion or an empty front is refused. */
export function newNoteOrds(note: Pick<NewNote, 'kind' | 'fields'>): number[] {
  const ords = cardOrds(note.kind, note.fields);
  if (ords.length === 0) throw invalidArgument('fields.text: a cloze note needs at least one {{c1::...}}');
  if (note.kind !== 'cloze' && !note.fields.front?.trim())
    throw invalidArgument('fields.front: must not be empty');
  return ords;
}

/**
 * Adds new cards of a note (one per ord) in `deckId`, due now, at the end of the new-card
 * order, all at one position (siblings are introduced together). Returns their ids.
 */
export function addCards(
  col: Collection,
  noteId: number,
  deckId: number,
  ords: Iterable<number>,
  now: number,
): number[] {
  const insert = col.stmt(
    `INSERT INTO cards (note_id, deck_id, ord, due, new_position, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const position = col.nextNewPosition();
  return [...ords].map((ord) =>
    Number(insert.run(noteId, deckId, ord, now, position, now, now).lastInsertRowid),
  );
}

/** Adds a note and its cards (new, at the end of the new-card order). Returns the ids. */
export function addNote(col: Collection, note: NewNote): { noteId: number; cardIds: number[] } {
  const ords = newNoteOrds(note);
  const now = col.now();
  // run() + lastInsertRowid: cheaper than RETURNING when compiling 100,000 notes.
  const noteId = Number(
    col
      .stmt(`INSERT INTO notes (${NOTE_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(noteInsertValues(note, note.guid ?? uuidv7(now), JSON.stringify(note.fields), now))
      .lastInsertRowid,
  );
  const cardIds = addCards(col, noteId, note.deckId, ords, now);
  return { noteId, cardIds };
}
