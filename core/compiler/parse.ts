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
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { isLintIgnoreLine } from '../lint/ignore.ts';
import type { NoteKind } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';
import {
  closesFence,
  codeMask,
  type Fence,
  heading,
  indexOutsideCode,
  openingFence,
} from './markdown-lines.ts';
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

interface Line {
  text: string;
  no: number; // 1-based
  inFence: boolean; // inside (or delimiting) a fenced code block
}

type Block = { type: 'heading'; level: number; text: string; no: number } | { type: 'para'; lines: Line[] };

interface FrontMatter {
  deck?: string;
  tags: string[];
  source: string | null;
  deckFromHeadings: boolean;
  obsidian: boolean;
  bodyStart: number; // index of the first body line
}

export interface ParseOptions {
  /** Deck for files without `deck:` in their front matter. */
  defaultDeck: string;
  fileExists: (absolutePath: string) => boolean;
  /** Read every file as an Obsidian vault note (`obsidian: true` does it for one file). */
  vault?: boolean;
}

const ID_CARET = /(?:^|\s)\^id-([A-Za-z0-9_-]+)\s*$/;
const ID_COMMENT = /(?:^|\s)<!--\s*id:\s*([A-Za-z0-9_-]+)\s*-->\s*$/;
const CLOZE_EXPLICIT = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

function parseFrontMatter(file: string, lines: string[], errors: CompileError[]): FrontMatter {
  const fm: FrontMatter = { tags: [], source: null, deckFromHeadings: false, obsidian: false, bodyStart: 0 };
  if (lines[0]?.trim() !== '---') return fm;
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end === -1) {
    errors.push({ file, line: 1, column: 1, message: 'front matter opened with --- is never closed' });
    fm.bodyStart = lines.length;
    return fm;
  }
  fm.bodyStart = end + 1;
  const doc = readYaml(lines.slice(1, end).join('\n'));
  const at = (offset: number) => {
    const before = lines.slice(1, end).join('\n').slice(0, offset).split('\n');
    return { line: before.length + 1, column: before.at(-1)!.length + 1 };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = at(e.pos[0]);
      errors.push({ file, ...pos, message: `bad YAML front matter: ${e.message.split('\n')[0]}` });
    }
    return fm;
  }
  const data = doc.data;
  if (data === null || data === undefined) return fm;
  if (typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ file, line: 2, column: 1, message: 'front matter must be a YAML mapping (key: value)' });
    return fm;
  }
  const lineOfKey = (key: string) => {
    const i = lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`));
    return i === -1 ? 2 : i + 2;
  };
  const bad = (key: string, message: string) =>
    errors.push({ file, line: lineOfKey(key), column: 1, message });
  const record = data as Record<string, unknown>;
  if ('deck' in record) {
    if (typeof record.deck !== 'string' || record.deck.split('::').some((p) => p.trim() === '')) {
      bad('deck', 'deck: must be a deck name such as "Docker::网络模式"');
    } else fm.deck = record.deck.trim();
  }
  if ('tags' in record) {
    const tags = typeof record.tags === 'string' ? record.tags.split(/[\s,]+/) : record.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' && typeof t !== 'number')) {
      bad('tags', 'tags: must be a list of words, e.g. [docker, network]');
    } else fm.tags = tags.map(String).filter(Boolean);
  }
  if ('source' in record) {
    if (typeof record.source !== 'string' && typeof record.source !== 'number') {
      bad('source', 'source: must be text (the section of your notes the cards come from)');
    } else fm.source = String(record.source);
  }
  if ('deck-from-headings' in record) {
    if (typeof record['deck-from-headings'] !== 'boolean') bad('deck-from-headings', 'must be true or false');
    else fm.deckFromHeadings = record['deck-from-headings'];
  }
  if ('obsidian' in record) {
    if (typeof record.obsidian !== 'boolean') bad('obsidian', 'obsidian: must be true or false');
    else fm.obsidian = record.obsidian;
  }
  return fm;
}

/**
 * Front matter read before, by its text: a recompile reads the same few lines again for each
 * file (the YAML parser costs as much as the rest of a small file's parse). Never mutated.
 */
const yamlRead = new Map<string, { errors: { pos: [number, number]; message: string }[]; data: unknown }>();

function readYaml(text: string): { errors: { pos: [number, number]; message: string }[]; data: unknown } {
  let read = yamlRead.get(text);
  if (!read) {
    // Plain messages: prettyErrors appends the YAML's own position (counted from the front
    // matter, not the file) and a code frame, which left "…at line 1, column 12:" dangling.
    const doc = parseDocument(text, { prettyErrors: false });
    read = {
      errors: doc.errors.map((e) => ({ pos: [e.pos[0], e.pos[1]], message: e.message })),
      data: doc.errors.length > 0 ? null : (doc.toJS() as unknown),
    };
    if (yamlRead.size >= 5000) yamlRead.clear();
    yamlRead.set(text, read);
  }
  return read;
}

/** Splits the body into headings and paragraphs; blank lines inside fences do not split. */
function toBlocks(file: string, lines: string[], start: number, errors: CompileError[]): Block[] {
  const blocks: Block[] = [];
  let para: Line[] | null = null;
  let fence: Fence | null = null;
  let fenceLine = 0;
  for (let i = start; i < lines.length; i++) {
    const text = lines[i]!;
    const no = i + 1;
    if (fence) {
      para!.push({ text, no, inFence: true });
      if (closesFence(text, fence)) fence = null;
      continue;
    }
    if (text.length === 0) {
      // The commonest line, and all a partly re-read file's other lines are (incremental.ts).
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      continue;
    }
    const opens = openingFence(text);
    if (opens) {
      fence = opens;
      fenceLine = no;
      para ??= [];
      para.push({ text, no, inFence: true });
      continue;
    }
    if (text.trim() === '') {
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      continue;
    }
    // A `<!-- lint-ignore RULE: reason -->` line is for the card linter, never card text.
    if (isLintIgnoreLine(text)) continue;
    const h = heading(text);
    if (h) {
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      blocks.push({ type: 'heading', level: h.level, text: h.text, no });
      continue;
    }
    para ??= [];
    para.push({ text, no, inFence: false });
  }
  if (fence) {
    errors.push({ file, line: fenceLine, column: 1, message: 'code fence is never closed' });
  }
  if (para) blocks.push({ type: 'para', lines: para });
  return blocks;
}

/** Marks inline code and explicit cloze spans, where `::` is not a separator. */
function separatorMask(text: string): boolean[] {
  const mask = codeMask(text);
  if (!text.includes('{{')) return mask;
  const own = mask.length === 0 ? new Array<boolean>(text.length).fill(false) : mask;
  for (const m of text.matchAll(CLOZE_EXPLICIT)) {
    for (let k = m.index; k < m.index + m[0].length; k++) own[k] = true;
  }
  return own;
}

/** The single-line separator in a line: its position and length (2 or 3), or null. */
function findSeparator(text: string): { at: number; length: number } | null {
  if (!text.includes('::')) return null;
  const mask = separatorMask(text);
  const at = indexOutsideCode(text, '::', mask);
  if (at === -1) return null;
  let length = 2;
  while (text[at + length] === ':') length++;
  return { at, length };
}

function hasCloze(lines: readonly Line[]): boolean {
  return lines.some((l) => {
    if (l.inFence || (!l.text.includes('==') && !l.text.includes('{{'))) return false;
    if (/\{\{c\d+::/.test(l.text)) return true;
    const mask = codeMask(l.text);
    const open = indexOutsideCode(l.text, '==', mask);
    return open !== -1 && indexOutsideCode(l.text, '==', mask, open + 2) !== -1;
  });
}

export function parseDeckFile(file: string, content: string, options: ParseOptions): ParsedFile {
  const errors: CompileError[] = [];
  const raw = splitLines(content);
  const fm = parseFrontMatter(file, raw, errors);
  const vault = options.vault || fm.obsidian ? readVaultLines(raw, fm.bodyStart, file) : null;
  const lines = vault ? vault.lines : raw;
  const baseDeck = fm.deck ?? options.defaultDeck;
  const blocks = toBlocks(file, lines, fm.bodyStart, errors);
  const cards: ParsedCard[] = [];
  const headings: { level: number; text: string }[] = [];
  let last: ParsedCard | null = null; // the card a following plain paragraph continues

  const err = (line: number, column: number, message: string) => errors.push({ file, line, column, message });
  const deckNow = () => {
    const h2 = headings.find((h) => h.level === 2);
    return fm.deckFromHeadings && h2 ? `${baseDeck}::${h2.text.replace(/::/g, ':')}` : baseDeck;
  };
  const make = (kind: NoteKind, fields: NoteFields, front: string, from: Line, to: Line): ParsedCard => ({
    kind,
    fields: withTypeMarker(fields),
    front,
    deck: deckNow(),
    context: headings.map((h) => h.text).join(' › '),
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

/** A back written `type: answer` asks for the answer to be typed; the marker is not shown. */
function withTypeMarker(fields: NoteFields): NoteFields {
  const m = fields.back === undefined ? null : /^type:[ \t]*/i.exec(fields.back);
  return m ? { ...fields, back: fields.back!.slice(m[0].length), typeIn: true } : fields;
}

function setId(card: ParsedCard, id: string, line: number, err: (l: number, c: number, m: string) => void) {
  if (card.id && card.id !== id) err(line, 1, `card already has id ${card.id}`);
  else card.id = id;
}

function takeIdFromLine(text: string): { text: string; id: string | null } {
  if (!text.includes('^id-') && !text.includes('<!--')) return { text, id: null };
  const m = ID_CARET.exec(text) ?? ID_COMMENT.exec(text);
  if (!m) return { text, id: null };
  return { text: text.slice(0, m.index).trimEnd(), id: m[1]! };
}

/** Removes an id written at the end of a paragraph's last line (or on a line of its own). */
function takeId(lines: Line[]): { lines: Line[]; id: string | null; idLine: number } {
  const lastLine = lines.at(-1);
  if (!lastLine || lastLine.inFence) return { lines, id: null, idLine: 0 };
  // Single-line cards carry their ids on their own lines; handled there.
  const { text, id } = takeIdFromLine(lastLine.text);
  if (!id) return { lines, id: null, idLine: 0 };
  const sep = findSeparator(text);
  if (sep && !lines.some((l) => !l.inFence && /^\s*\?\??\s*$/.test(l.text)))
    return { lines, id: null, idLine: 0 };
  const rest = text.trim() === '' ? lines.slice(0, -1) : [...lines.slice(0, -1), { ...lastLine, text }];
  return { lines: rest, id, idLine: lastLine.no };
}

/** Turns ==x== into {{cN::x}} (numbered after any explicit {{cN::}}) and checks nothing is empty. */
function toCloze(
  lines: Line[],
  err: (line: number, column: number, message: string) => void,
): { text: string; plain: string } | null {
  const used = new Set<number>();
  for (const l of lines) for (const m of l.text.matchAll(CLOZE_EXPLICIT)) used.add(Number(m[1]));
  let next = 1;
  const number = () => {
    while (used.has(next)) next++;
    used.add(next);
    return next;
  };
  let ok = true;
  const out = lines.map((l) => {
    if (l.inFence || (!l.text.includes('==') && !l.text.includes('{{'))) return l.text;
    for (const m of l.text.matchAll(CLOZE_EXPLICIT)) {
      if (m[2]!.trim() === '') {
        err(l.no, m.index + 1, `cloze {{c${m[1]}::}} hides nothing`);
        ok = false;
      }
    }
    const mask = codeMask(l.text);
    let text = '';
    let from = 0;
    for (;;) {
      const open = indexOutsideCode(l.text, '==', mask, from);
      const close = open === -1 ? -1 : indexOutsideCode(l.text, '==', mask, open + 2);
      if (close === -1) break;
      const hidden = l.text.slice(open + 2, close);
      if (hidden.trim() === '') {
        err(l.no, open + 1, 'cloze ==...== hides nothing');
        ok = false;
      }
      text += `${l.text.slice(from, open)}{{c${number()}::${hidden}}}`;
      from = close + 2;
    }
    return text + l.text.slice(from);
  });
  if (!ok) return null;
  const text = out.join('\n').trim();
  const plain = text.replace(CLOZE_EXPLICIT, (_m, _n, answer: string) => answer);
  return { text, plain };
}

function collectImages(
  card: ParsedCard,
  lines: Line[],
  file: string,
  options: ParseOptions,
  err: (line: number, column: number, message: string) => void,
) {
  for (const l of lines) {
    if (l.inFence || !l.text.includes('![')) continue;
    const mask = codeMask(l.text);
    for (const m of l.text.matchAll(IMAGE)) {
      if (mask[m.index]) continue;
      const src = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
        err(
          l.no,
          m.index + 1,
          `image ${src} is remote: save it next to the deck file (Mnemo loads nothing remote)`,
        );
        continue;
      }
      let path: string;
      try {
        path = decodeURI(src);
      } catch {
        err(l.no, m.index + 1, `image path ${src} has a malformed %-escape`);
        continue;
      }
      const absolute = isAbsolute(path) ? path : resolve(dirname(file), path);
      if (!options.fileExists(absolute)) err(l.no, m.index + 1, `image not found: ${src}`);
      else card.images.push({ src, absolute, line: l.no, column: m.index + 1 });
    }
  }
}
