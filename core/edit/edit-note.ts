/**
 * A card's note as the editor shows it, and saving it: in its Markdown file when it was
 * compiled from one (edit-file.ts), else in the collection (edit-stored.ts). What the editor
 * shows of a compiled card is the text as written in the file (`==cloze==`, `type:`, relative
 * image paths), since that is what is written back.
 */
import { requireCard } from '../cards/view.ts';
import { diskSourcePath } from '../compiler/source-path.ts';
import { MnemoError } from '../errors.ts';
import type { NoteRow } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import { writableDeckFile } from './deck-file-access.ts';
import { editFileNote, locateInFile, RETIRED } from './edit-file.ts';
import { editStoredNote, type StoredText } from './edit-stored.ts';

/**
 * Why a compiled card cannot be edited now, for the editor to say in the user's language:
 * its file changed on disk since it was compiled, is gone, or is not inside a deck folder, or
 * the card was removed from its file (retired: its lines are no longer there to rewrite).
 */
export type EditProblem = 'changed' | 'missing' | 'outside' | 'retired';

function problemOf(e: unknown): { code: EditProblem; message: string } {
  if (!(e instanceof MnemoError)) throw e;
  const code: EditProblem =
    e.type === 'NotFound' ? 'missing' : e.type === 'InvalidArgument' ? 'outside' : 'changed';
  return { code, message: e.message };
}

function storedText(note: NoteRow): Required<StoredText> {
  const f = JSON.parse(note.fields) as NoteFields;
  return { front: f.front ?? '', back: f.back ?? '', text: f.text ?? '', extra: f.extra ?? '' };
}

export function editableNote(col: Collection, cardId: number) {
  const note = col.note(requireCard(col, cardId).note_id)!;
  const file = note.source_file === null ? null : diskSourcePath(note.source_file);
  const base = { cardId, noteId: note.id, kind: note.kind, file, line: note.source_line };
  if (!note.source_file) {
    return {
      ...base,
      stored: 'collection' as const,
      fields: storedText(note),
      baseHash: null,
      problem: null,
    };
  }
  if (note.retired) {
    const problem = { code: 'retired' as const, message: RETIRED };
    return { ...base, stored: 'file' as const, fields: storedText(note), baseHash: null, problem };
  }
  try {
    const { opened, source } = locateInFile(col, note);
    const fields = { front: source.front, back: source.back, text: source.text, extra: '' };
    return { ...base, stored: 'file' as const, fields, baseHash: opened.hash, problem: null };
  } catch (e) {
    // Shown, not editable: the collection's text and why.
    return {
      ...base,
      stored: 'file' as const,
      fields: storedText(note),
      baseHash: null,
      problem: problemOf(e),
    };
  }
}

export function editNote(
  col: Collection,
  a: { cardId: number; fields: StoredText; baseHash?: string },
): {
  noteId: number;
  stored: 'file' | 'collection';
  changed: boolean;
  file: string | null;
  line: number | null;
  idWritten: string | null;
} {
  const note = col.note(requireCard(col, a.cardId).note_id)!;
  if (!note.source_file) {
    const { changed } = editStoredNote(col, note, a.fields);
    return { noteId: note.id, stored: 'collection', changed, file: null, line: null, idWritten: null };
  }
  const r = editFileNote(col, note, a.fields, a.baseHash);
  return { noteId: note.id, stored: 'file', ...r };
}

/** The deck file of a card, checked as an edit checks it: for "Open in editor" (Electron). */
export function cardSourceFile(col: Collection, cardId: number): string {
  const note = col.note(requireCard(col, cardId).note_id)!;
  if (!note.source_file) throw new MnemoError('NotFound', 'this card was not compiled from a file');
  return writableDeckFile(col, diskSourcePath(note.source_file)).path;
}
