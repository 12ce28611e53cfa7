/**
 * One deck file's body in Mnemo's card syntax: headings for each card's context, then its
 * card (multi-line form: front, `?` or `??`, back; a cloze as its text with explicit
 * `{{cN::…}}`), ending in the id that carries the note's guid (guid-id.ts). The file is
 * then parsed back with the compiler's own parser, and every note that would not come back
 * exactly (text the syntax cannot hold, such as a blank line inside a front) is named.
 */
import { guidFromId, idForGuid } from '../compiler/guid-id.ts';
import { openingFence } from '../compiler/markdown-lines.ts';
import { type ParsedCard, parseDeckFile } from '../compiler/parse.ts';
import type { NoteKind } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';

export interface MdNote {
  guid: string;
  kind: NoteKind;
  fields: NoteFields;
  context: string;
}

export interface MdFile {
  deck: string;
  tags: string[];
  source: string | null;
  notes: MdNote[];
}

const CONTEXT_SEPARATOR = ' › ';

/** A card's lines, its id at the end of the last line (or below a closing fence, as --write-ids puts it). */
function cardText(note: MdNote): string {
  const f = note.fields;
  let body: string;
  if (note.kind === 'cloze') body = f.extra ? `${f.text ?? ''}\n\n${f.extra}` : (f.text ?? '');
  else
    body = `${f.front ?? ''}\n${note.kind === 'reversed' ? '??' : '?'}\n${f.typeIn ? 'type: ' : ''}${f.back ?? ''}`;
  const lines = body.trimEnd().split('\n');
  const last = lines.at(-1)!;
  const id = `^id-${idForGuid(note.guid)}`;
  if (openingFence(last)) lines.push(id);
  else lines[lines.length - 1] = `${last} ${id}`;
  return lines.join('\n');
}

/** Front matter values as JSON, which YAML reads as the same strings. */
function frontMatter(file: MdFile): string {
  const lines = ['---', `deck: ${JSON.stringify(file.deck)}`];
  if (file.tags.length) lines.push(`tags: ${JSON.stringify(file.tags)}`);
  if (file.source !== null) lines.push(`source: ${JSON.stringify(file.source)}`);
  lines.push('---', '');
  return lines.join('\n');
}

/**
 * The file's text. Cards without a context come first (nothing can end a heading's
 * section); then each card is preceded by the headings that differ from the card before.
 */
export function deckFileText(file: MdFile): string {
  const parts = [frontMatter(file)];
  let current: string[] = [];
  for (const note of file.notes) {
    const path = note.context === '' ? [] : note.context.split(CONTEXT_SEPARATOR);
    let same = 0;
    while (same < path.length && same < current.length && path[same] === current[same]) same++;
    // Going back up to a shallower context: repeat its last heading to close the deeper ones.
    if (same === path.length && path.length < current.length) same = path.length - 1;
    for (let level = Math.max(same, 0); level < path.length; level++)
      parts.push(`${'#'.repeat(level + 1)} ${path[level]}\n`);
    current = path;
    parts.push(`${cardText(note)}\n`);
  }
  return parts.join('\n');
}

function sameCard(note: MdNote, card: ParsedCard, file: MdFile): boolean {
  const f = note.fields;
  const c = card.fields;
  const sameFields =
    note.kind === 'cloze'
      ? c.text === (f.extra ? `${f.text}\n\n${f.extra}` : f.text)
      : c.front === f.front && c.back === f.back && !!c.typeIn === !!f.typeIn;
  return (
    card.kind === note.kind &&
    sameFields &&
    card.context === note.context &&
    card.deck === file.deck &&
    card.id !== null &&
    guidFromId(card.id) === note.guid
  );
}

/** The guids of the notes that compiling `text` would not give back exactly. */
export function notesNotRoundTripping(path: string, text: string, file: MdFile): string[] {
  const parsed = parseDeckFile(path, text, { defaultDeck: file.deck, fileExists: () => true });
  const tagsOk = JSON.stringify(parsed.cards[0]?.tags ?? file.tags) === JSON.stringify(file.tags);
  const byGuid = new Map(parsed.cards.map((c) => [c.id === null ? '' : guidFromId(c.id), c]));
  return file.notes
    .filter((n) => {
      const card = byGuid.get(n.guid);
      return (
        !tagsOk ||
        !card ||
        !sameCard(n, card, file) ||
        parsed.errors.some((e) => e.line >= card.line && e.line <= card.endLine)
      );
    })
    .map((n) => n.guid);
}
