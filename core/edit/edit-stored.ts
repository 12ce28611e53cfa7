/**
 * Editing a note that has no source file (added in the app or imported): its fields are
 * changed in the collection, in one transaction. A cloze whose numbers change gets a card for
 * each new number and retires the cards of numbers gone (their history kept, as a compile does).
 */
import { invalidArgument } from '../errors.ts';
import type { NoteRow } from '../model/types.ts';
import { addCards } from '../notes/notes.ts';
import { cardOrds, type NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';

export interface StoredText {
  front?: string;
  back?: string;
  text?: string;
  extra?: string;
}

export function editStoredNote(col: Collection, note: NoteRow, input: StoredText): { changed: boolean } {
  const clean = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();
  const fields = JSON.parse(note.fields) as NoteFields;
  const next: NoteFields =
    note.kind === 'cloze'
      ? { ...fields, text: clean(input.text), extra: clean(input.extra) || undefined }
      : { ...fields, front: clean(input.front), back: clean(input.back) };
  if (note.kind !== 'cloze' && !next.front) throw invalidArgument('fields.front: must not be empty');
  if (note.kind !== 'cloze' && !next.back) throw invalidArgument('fields.back: must not be empty');
  const ords = cardOrds(note.kind, next);
  if (ords.length === 0) throw invalidArgument('fields.text: a cloze note needs at least one {{c1::...}}');
  const json = JSON.stringify(next);
  if (json === JSON.stringify(fields)) return { changed: false };
  col.tx(() => {
    const now = col.now();
    col.stmt('UPDATE notes SET fields = ?, modified_at = ? WHERE id = ?').run(json, now, note.id);
    syncClozeCards(col, note.id, new Set(ords), now);
  });
  return { changed: true };
}

/** Cards of numbers no longer in the text are retired, numbers back or new get their card. */
function syncClozeCards(col: Collection, noteId: number, want: Set<number>, now: number): void {
  const have = col
    .stmt('SELECT id, ord, deck_id, retired FROM cards WHERE note_id = ? ORDER BY id')
    .all(noteId) as {
    id: number;
    ord: number;
    deck_id: number;
    retired: number;
  }[];
  for (const c of have) {
    const retired = want.has(c.ord) ? 0 : 1;
    if (c.retired !== retired)
      col.stmt('UPDATE cards SET retired = ?, modified_at = ? WHERE id = ?').run(retired, now, c.id);
    want.delete(c.ord);
  }
  if (want.size === 0) return;
  // New cards go where the note's cards are.
  const deckId = have[0]!.deck_id;
  addCards(col, noteId, deckId, want, now);
}
