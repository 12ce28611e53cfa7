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
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))].join(' ');
}

export function splitTags(tags: string): string[] {
  return tags.split(' ').filter(Boolean);
}

/** Adds a note and its cards (new, at the end of the new-card order). Returns the ids. */
export function addNote(col: Collection, note: NewNote): { noteId: number; cardIds: number[] } {
  const ords = cardOrds(note.kind, note.fields);
  if (ords.length === 0) throw invalidArgument('fields.text: a cloze note needs at least one {{c1::...}}');
  if (note.kind !== 'cloze' && !note.fields.front?.trim())
    throw invalidArgument('fields.front: must not be empty');
  const now = col.now();
  const { id: noteId } = col
    .stmt(
      `INSERT INTO notes (guid, kind, fields, tags, context, source_file, source_line, content_hash, created_at,
         modified_at, source_key, source_id, source_index, source_section)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      note.guid ?? uuidv7(now),
      note.kind,
      JSON.stringify(note.fields),
      joinTags(note.tags ?? []),
      note.context ?? '',
      note.sourceFile ?? null,
      note.sourceLine ?? null,
      note.contentHash ?? null,
      now,
      now,
      note.sourceKey ?? null,
      note.sourceId ?? null,
      note.sourceIndex ?? null,
      note.sourceSection ?? null,
    ) as { id: number };
  const insertCard = col.stmt(
    `INSERT INTO cards (note_id, deck_id, ord, due, new_position, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const position = col.nextNewPosition();
  const cardIds = ords.map(
    (ord) => (insertCard.get(noteId, note.deckId, ord, now, position, now, now) as { id: number }).id,
  );
  return { noteId, cardIds };
}
