/**
 * Adding a card from the app: appended to a deck file (after a blank line, in the card syntax
 * and the file's line endings) or written into a new .md file in a deck folder, then that file
 * is compiled in the same call. Nothing already in the file changes; a text that would not
 * read back as exactly one new card is refused before anything is written.
 */
import { stringify } from 'yaml';
import { storedSourcePath } from '../compiler/source-path.ts';
import { invalidArgument } from '../errors.ts';
import type { NoteKind } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import { appendLines, type CardText, cardLines, formsFor } from './card-source.ts';
import { newDeckFile, writableDeckFile } from './deck-file-access.ts';
import { openDeckFile, parseAs, writeAndCompile } from './deck-file-state.ts';
import { cardOf, cleanText, whyNot } from './edit-file.ts';

export interface NewCard {
  /** An existing deck file, or with `create` a new one (its folder must exist). */
  file: string;
  create?: boolean;
  /** For a new file: its `deck:` (else the deck comes from its path, as for any file). */
  deck?: string;
  kind: NoteKind;
  fields: Partial<CardText>;
}

export function appendCard(col: Collection, a: NewCard) {
  if (a.deck !== undefined && !a.create) throw invalidArgument('deck: only for a new file (create: true)');
  const opened = openDeckFile(
    col,
    a.create ? newDeckFile(col, a.file) : writableDeckFile(col, a.file),
    false,
  );
  const text = cleanText(a.kind, a.fields);
  const head = a.create && a.deck ? `---\n${stringify({ deck: a.deck.trim() })}---\n` : opened.content;
  const before = a.create ? parseAs(opened, head) : opened.parsed;
  if (before.errors.length > 0)
    throw invalidArgument(`${opened.path} has errors; fix them first: ${before.errors[0]!.message}`);
  const index = before.cards.length;
  let reason = '';
  for (const form of formsFor(null, a.kind, text)) {
    const lines = cardLines(form, a.kind, text, null);
    const expected = cardOf(opened, lines);
    const content = appendLines(head, lines);
    const why =
      typeof expected === 'string' ? expected : whyNot(before, parseAs(opened, content), index, expected);
    if (why) {
      reason ||= why;
      continue;
    }
    writeAndCompile(col, opened, content);
    const note = col
      .stmt('SELECT id, source_line FROM notes WHERE source_file = ? AND source_index = ? AND retired = 0')
      .get(storedSourcePath(opened.path), index) as { id: number; source_line: number };
    const cardIds = col
      .stmt('SELECT id FROM cards WHERE note_id = ? ORDER BY ord')
      .pluck()
      .all(note.id) as number[];
    return { file: opened.path, line: note.source_line, noteId: note.id, cardIds };
  }
  throw invalidArgument(`not added: ${reason}`);
}
