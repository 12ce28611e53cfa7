/**
 * Editing a compiled card from the app: its lines in its Markdown file are rewritten with the
 * new text (nothing else in the file changes), and the file is recompiled in the same call so
 * the card keeps its id and review history. The compiler must match the rewritten card as the
 * same note: when its front changes (so its deck + front key does) and it has no `^id-…`, an
 * id is written at its end and stored with the note first, as `compile --write-ids` would.
 */
import { randomBytes } from 'node:crypto';
import { formatError, type ParsedCard, type ParsedFile, parseDeckFile } from '../compiler/parse.ts';
import { normalizeFront } from '../compiler/similarity.ts';
import { diskSourcePath, storedSourcePath } from '../compiler/source-path.ts';
import { conflict, invalidArgument } from '../errors.ts';
import type { NoteRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import {
  type CardSource,
  type CardText,
  cardLines,
  formsFor,
  readCardSource,
  replaceLines,
} from './card-source.ts';
import { writableDeckFile } from './deck-file-access.ts';
import {
  changedOnDisk,
  type OpenedDeckFile,
  openDeckFile,
  parseAs,
  writeAndCompile,
} from './deck-file-state.ts';

export const RETIRED = 'this card was removed from its file: it cannot be edited';

/** A compiled note's card in its file, checked to be the one the collection has there. */
export function locateInFile(col: Collection, note: NoteRow): { opened: OpenedDeckFile; source: CardSource } {
  if (note.retired) throw conflict(RETIRED);
  const opened = openDeckFile(col, writableDeckFile(col, diskSourcePath(note.source_file!)), true);
  const card = opened.parsed.cards[note.source_index ?? -1];
  if (!card || card.line !== note.source_line || (note.source_id && card.id && card.id !== note.source_id))
    throw changedOnDisk(opened.path);
  return { opened, source: readCardSource(opened.content, card) };
}

/** What a card's fields must be for the file to be one the collection agrees with. */
export function sameCard(a: ParsedCard, b: ParsedCard): boolean {
  return (
    a.kind === b.kind &&
    a.deck === b.deck &&
    a.context === b.context &&
    a.id === b.id &&
    a.source === b.source &&
    a.tags.join(' ') === b.tags.join(' ') &&
    JSON.stringify(a.fields) === JSON.stringify(b.fields)
  );
}

/** The card these lines make on their own, or a reason they do not make exactly one card. */
export function cardOf(opened: OpenedDeckFile, lines: readonly string[]): ParsedCard | string {
  const alone = parseDeckFile(opened.path, lines.join('\n'), opened.options);
  if (alone.errors.length > 0) return alone.errors.map((e) => e.message).join('; ');
  if (alone.cards.length !== 1)
    return 'the text makes more than one card (after a blank line, a "::" line, a "?" line or a cloze starts another card)';
  return alone.cards[0]!;
}

/**
 * Why the file `next` is not `before` with only card `index` replaced by `expected` (or, with
 * `index` one past the end, with `expected` added), or null when it is exactly that.
 */
export function whyNot(
  before: ParsedFile,
  next: ParsedFile,
  index: number,
  expected: ParsedCard,
): string | null {
  if (next.errors.length > 0) return next.errors.map(formatError).join('; ');
  const added = index === before.cards.length ? 1 : 0;
  if (next.cards.length !== before.cards.length + added)
    return 'the text would split or join cards in the file (check for "::", a line with only "?", or a blank line)';
  for (let j = 0; j < before.cards.length; j++) {
    if (j !== index && !sameCard(before.cards[j]!, next.cards[j]!))
      return `the text would change another card (line ${before.cards[j]!.line})`;
  }
  const got = next.cards[index]!;
  if (
    got.kind !== expected.kind ||
    got.id !== expected.id ||
    JSON.stringify(got.fields) !== JSON.stringify(expected.fields)
  )
    return 'the text would not read back as written in this place of the file';
  return null;
}

/** Normalizes what the user typed: Unix line ends, no surrounding blank space. */
export function cleanText(kind: NoteRow['kind'], t: Partial<CardText>): CardText {
  const clean = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();
  const text = { front: clean(t.front), back: clean(t.back), text: clean(t.text) };
  if (kind === 'cloze' && !text.text) throw invalidArgument('fields.text: must not be empty');
  if (kind !== 'cloze' && !text.front) throw invalidArgument('fields.front: must not be empty');
  if (kind !== 'cloze' && !text.back) throw invalidArgument('fields.back: must not be empty');
  return text;
}

/** An id for a note that has none in its file: the one it already has, else a new unused one. */
function idFor(col: Collection, note: NoteRow, fileText: string): string {
  const taken = col.stmt('SELECT id FROM notes WHERE source_id = ?').pluck();
  const owner = note.source_id ? (taken.get(note.source_id) as number | undefined) : null;
  if (note.source_id && (owner === undefined || owner === note.id)) return note.source_id;
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (taken.get(id) === undefined && !fileText.includes(id)) return id;
  }
}

export interface FileEdit {
  file: string;
  line: number;
  changed: boolean;
  idWritten: string | null;
}

/** Rewrites the note's lines with `input` and recompiles its file; refused with the reason when it cannot. */
export function editFileNote(
  col: Collection,
  note: NoteRow,
  input: Partial<CardText>,
  baseHash?: string,
): FileEdit {
  const { opened, source } = locateInFile(col, note);
  if (baseHash !== undefined && baseHash !== opened.hash) throw changedOnDisk(opened.path);
  const text = cleanText(note.kind, input);
  const index = note.source_index!;
  const old = opened.parsed.cards[index]!;
  let reason = '';
  for (const form of formsFor(source, note.kind, text)) {
    const draft = cardOf(opened, cardLines(form, note.kind, text, source.id, source));
    if (typeof draft === 'string') {
      reason ||= draft;
      continue;
    }
    // A front rewritten without an id would be matched only by similarity: give it an id.
    const needsId = !source.id && normalizeFront(draft.front) !== normalizeFront(old.front);
    const id = needsId ? idFor(col, note, opened.content) : source.id;
    const lines = cardLines(form, note.kind, text, id, source);
    const expected = needsId ? cardOf(opened, lines) : draft;
    if (typeof expected === 'string') {
      reason ||= expected;
      continue;
    }
    const content = replaceLines(opened.content, source.start, source.end, lines);
    const why = whyNot(opened.parsed, parseAs(opened, content), index, expected);
    if (why) {
      reason ||= why;
      continue;
    }
    if (content === opened.content)
      return { file: opened.path, line: old.line, changed: false, idWritten: null };
    writeAndCompile(
      col,
      opened,
      content,
      () => {
        if (needsId) col.stmt('UPDATE notes SET source_id = ? WHERE id = ?').run(id, note.id);
      },
      () => {
        // The compile must have kept this note for these lines, not retired it and added another.
        const now = col
          .stmt('SELECT id FROM notes WHERE source_file = ? AND source_index = ? AND retired = 0')
          .pluck()
          .get(storedSourcePath(opened.path), index);
        if (now !== note.id)
          throw conflict('the edited card was not recognised as the same card: nothing was saved');
      },
    );
    const line = col.stmt('SELECT source_line FROM notes WHERE id = ?').pluck().get(note.id) as number;
    return { file: opened.path, line, changed: true, idWritten: needsId ? id : null };
  }
  throw invalidArgument(`not saved: ${reason}`);
}
