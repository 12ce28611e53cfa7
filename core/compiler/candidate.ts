/** A parsed card on its way to a note, and what matching reads of the notes it may match. */
import type { NoteRow } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import { digest } from './digest.ts';
import type { ParsedCard } from './parse.ts';
import { normalizeFront } from './similarity.ts';

export function cardKey(deck: string, front: string): string {
  return digest(`${deck}\n${normalizeFront(front)}`);
}

export function frontOf(col: Collection, note: Pick<NoteRow, 'id' | 'kind'>): string {
  const f = JSON.parse(
    col.stmt('SELECT fields FROM notes WHERE id = ?').pluck().get(note.id) as string,
  ) as NoteFields;
  return note.kind === 'cloze'
    ? (f.text ?? '').replace(/\{\{c\d+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g, '$1')
    : (f.front ?? '');
}

/** What matching needs of an existing note; its fields are read only for edit matching. */
export type Candidate = Pick<
  NoteRow,
  | 'id'
  | 'kind'
  | 'source_key'
  | 'source_id'
  | 'source_index'
  | 'source_file'
  | 'source_line'
  | 'source_section'
  | 'content_hash'
  | 'retired'
>;

export interface Planned {
  parsed: ParsedCard;
  file: string;
  /** How the collection records `file` (bundled files relative to the bundle: source-path.ts). */
  storedFile: string;
  index: number;
  key: string;
  match?: Candidate;
  how?: 'id' | 'key' | 'edit';
  /** Its note once stored. */
  noteId?: number;
}

/**
 * A card and a note that carry two different ids are two cards, however alike their fronts:
 * a card split in two, or rewritten to ask something else, was given a new id on purpose, and
 * the old note's history is not the new card's.
 */
export function otherIds(it: Planned, note: Candidate): boolean {
  return it.parsed.id !== null && note.source_id !== null && note.source_id !== it.parsed.id;
}

/**
 * What a note's content is compared by: the digest of JSON.stringify([kind, fields, tags,
 * context, deck, source]), put together from the fields' JSON the row stores anyway (the same
 * text, so the same digest as every earlier compile stored).
 */
export function contentHashOf(card: ParsedCard, fieldsJson: string): string {
  const s = JSON.stringify;
  return digest(
    `[${s(card.kind)},${fieldsJson},${tagsJson(card.tags)},${s(card.context)},${s(card.deck)},${s(card.source)}]`,
  );
}

/** A deck file's cards share one tags array: its JSON made once. */
const tagsJsonOf = new WeakMap<readonly string[], string>();
function tagsJson(tags: readonly string[]): string {
  let json = tagsJsonOf.get(tags);
  if (json === undefined) {
    json = JSON.stringify(tags);
    tagsJsonOf.set(tags, json);
  }
  return json;
}
