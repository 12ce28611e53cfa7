/**
 * Mnemo's card syntax (compatible with the Obsidian spaced-repetition plugin's defaults):
 *
 *   front::back            one card            front:::back     two cards (both ways)
 *   front lines / ? / back lines               (?? for both ways)
 *   ==hidden== or {{c1::hidden}} / {{c1::hidden::hint}}            cloze, one card per number
 *   ^id-xxxx or <!-- id: xxxx --> at the end of a card            stable identity
 *
 * A card ends at a blank line followed by a heading, another card, or the end of the file;
 * blank lines inside fenced code belong to the card. YAML front matter gives `deck`, `tags`,
 * `source` and `deck-from-headings`. Errors carry file:line:column and parsing goes on, so
 * one run reports all of them. `obsidian: true` (or the `vault` option) reads the note as the
 * Obsidian Spaced Repetition plugin does: see obsidian.ts.
 */
import type { NoteKind } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';
import { type Line, toBlocks } from './blocks.ts';
import { collectImages } from './card-images.ts';
import {
  findSeparator,
  hasCloze,
  setId,
  takeId,
  takeIdFromLine,
  toCloze,
  withTypeMarker,
} from './card-syntax.ts';
import { parseFrontMatter } from './front-matter.ts';
import { finishVault, readVaultLines } from './obsidian.ts';
import type { SrEntry } from './sr-schedule.ts';

export interface CompileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatError(e: CompileError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

export interface ParsedImage {
  /** The path as written in the card. */
  src: string;
  /** Resolved against the deck file's folder. */
  absolute: string;
  /** Where the image is written, for errors found when it is read. */
  line: number;
  column: number;
}

export interface ParsedCard {
  kind: NoteKind;
  fields: NoteFields;
  /** Text that identifies the card: the front, or a cloze text without its markers. */
  front: string;
  deck: string;
  context: string;
  tags: string[];
  source: string | null;
  id: string | null;
  /** 1-based first and last line of the card in its file. */
  line: number;
  endLine: number;
  images: ParsedImage[];
  /** Vault mode: the plugin's schedule comment, one entry per card (see sr-schedule.ts). */
  schedule?: SrEntry[];
}

export interface ParsedFile {
  path: string;
  deck: string;
  cards: ParsedCard[];
  errors: CompileError[];
  /** Read in vault mode: its errors may be demoted to warnings (obsidian.ts). */
  vault?: boolean;
  /** Problems that leave the cards as they are. */
  warnings?: CompileError[];
}

export interface ParseOptions {
  /** Deck for files without `deck:` in their front matter. */
  defaultDeck: string;
  fileExists: (absolutePath: string) => boolean;
  /** Read every file as an Obsidian vault note (`obsidian: true` does it for one file). */
  vault?: boolean;
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/**
 * `content`: the file's text, or its lines as fileLines (incremental.ts) splits it: a
 * recompile's lines with those outside what it re-reads blanked (joining and splitting them
 * again cost a 1% recompile of 200 files ~10 ms).
 */
export function parseDeckFile(
  file: string,
  content: string | readonly string[],
  options: ParseOptions,
): ParsedFile {
  const errors: CompileError[] = [];
  const raw = typeof content === 'string' ? splitLines(content) : content;
  const fm = parseFrontMatter(file, raw, errors);
  const vault = options.vault || fm.obsidian ? readVaultLines(raw, fm.bodyStart, file) : null;
  const lines = vault ? vault.lines : raw;
  const baseDeck = fm.deck ?? options.defaultDeck;
  const blocks = toBlocks(file, lines, fm.bodyStart, errors);
  const cards: ParsedCard[] = [];
  const headings: { level: number; text: string }[] = [];
  let last: ParsedCard | null = null; // the card a following plain paragraph continues

  const err = (line: number, column: number, message: string) => errors.push({ file, line, column, message });
  // The deck and context of the cards under the headings read so far: they change only at a heading.
  let deckHere = baseDeck;
  let contextHere = '';
  const make = (kind: NoteKind, fields: NoteFields, front: string, from: Line, to: Line): ParsedCard => ({
    kind,
    fields: withTypeMarker(fields),
    front,
    deck: deckHere,
    context: contextHere,
    tags: fm.tags,
    source: fm.source,
    id: null,
    line: from.no,
    endLine: to.no,
    images: [],
  });

  for (const block of blocks) {
    if (block.type === 'heading') {
      while (headings.length && headings.at(-1)!.level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      const h2 = headings.find((h) => h.level === 2);
      deckHere = fm.deckFromHeadings && h2 ? `${baseDeck}::${h2.text.replace(/::/g, ':')}` : baseDeck;
      contextHere = headings.map((h) => h.text).join(' › ');
      last = null;
      continue;
    }
    const body = takeId(block.lines);
    const ls = body.lines;
    if (ls.length === 0) {
      if (last && body.id)
        err(body.idLine, 1, 'an id must be at the end of a card, not in its own paragraph');
      continue;
    }
    const qIndex = ls.findIndex((l) => !l.inFence && (l.text.trim() === '?' || l.text.trim() === '??'));
    const singleLine = qIndex === -1 && ls.some((l) => !l.inFence && findSeparator(l.text) !== null);
    let added: ParsedCard[] = [];
    if (qIndex !== -1) {
      const q = ls[qIndex]!;
      const front = ls
        .slice(0, qIndex)
        .map((l) => l.text)
        .join('\n')
        .trim();
      const back = ls
        .slice(qIndex + 1)
        .map((l) => l.text)
        .join('\n')
        .trim();
      if (!front) err(q.no, 1, 'card has an empty front (nothing above the ? line)');
      else if (!back) err(q.no, 1, 'card has an empty back (nothing below the ? line)');
      else {
        const kind = q.text.trim() === '??' ? 'reversed' : 'basic';
        added = [make(kind, { front, back }, front, ls[0]!, ls.at(-1)!)];
      }
    } else if (singleLine) {
      for (const l of ls) {
        const own = takeIdFromLine(l.text);
        const sep = l.inFence ? null : findSeparator(own.text);
        const line = { ...l, text: own.text };
        if (!sep && hasCloze([line])) {
          // A cloze written among one-line cards is a card of its own, as it would be alone.
          const cloze = toCloze([line], err);
          if (cloze) {
            const card = make('cloze', { text: cloze.text }, cloze.plain, l, l);
            card.id = own.id;
            added.push(card);
          }
          continue;
        }
        if (!sep) {
          if (vault) continue; // the plugin's reading: prose beside inline cards is the note's text
          err(l.no, 1, 'line is not a card: in a paragraph of single-line cards every line needs :: or :::');
          continue;
        }
        if (sep.length > 3) {
          err(
            l.no,
            sep.at + 1,
            `"${':'.repeat(sep.length)}" is not a separator: use :: (one card) or ::: (two)`,
          );
          continue;
        }
        const front = own.text.slice(0, sep.at).trim();
        const back = own.text.slice(sep.at + sep.length).trim();
        if (!front) err(l.no, 1, 'card has an empty front (nothing before the separator)');
        else if (!back)
          err(l.no, sep.at + sep.length + 1, 'card has an empty back (nothing after the separator)');
        else {
          const card = make(sep.length === 3 ? 'reversed' : 'basic', { front, back }, front, l, l);
          card.id = own.id;
          added.push(card);
        }
      }
    } else if (hasCloze(ls)) {
      const cloze = toCloze(ls, (line, column, message) => err(line, column, message));
      if (cloze) added = [make('cloze', { text: cloze.text }, cloze.plain, ls[0]!, ls.at(-1)!)];
    } else if (last && !vault) {
      // A plain paragraph after a card belongs to it (the card ends only at a heading or a new card);
      // in vault mode a card ends at a blank line, as the plugin's do.
      const more = ls.map((l) => l.text).join('\n');
      if (last.kind === 'cloze') last.fields.text = `${last.fields.text}\n\n${more}`;
      else last.fields.back = `${last.fields.back}\n\n${more}`;
      last.endLine = ls.at(-1)!.no;
      if (body.id) setId(last, body.id, body.idLine, err);
      collectImages(last, ls, file, options, err);
      continue;
    } else {
      continue; // prose before any card in a section is the note's own text
    }
    if (added.length > 0) {
      const owner = added.at(-1)!;
      if (body.id) setId(owner, body.id, body.idLine, err);
      if (ls.some((l) => l.text.includes('![')))
        for (const c of added)
          collectImages(
            c,
            ls.filter((l) => l.no >= c.line && l.no <= c.endLine),
            file,
            options,
            err,
          );
      cards.push(...added);
      last = owner;
    } else {
      last = null;
    }
  }
  const parsed: ParsedFile = { path: file, deck: baseDeck, cards, errors };
  return vault ? finishVault(parsed, vault, fm) : parsed;
}
