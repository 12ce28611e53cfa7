/**
 * Vault mode: a note read the way the Obsidian Spaced Repetition plugin reads it with its
 * default settings (st3v3nmw/obsidian-spaced-repetition: src/parser.ts,
 * src/note/note-question-parser.ts, src/data/data-structures/card/questions/question.ts,
 * src/data/data-structures/deck/topic-path.ts, docs/docs/en/flashcards/decks.md).
 *
 * Before the card parser sees the note, `readVaultLines` takes out what the plugin's notes
 * carry besides cards, leaving every line where it was so messages still name the right line:
 *  - HTML comments, on one line or several: a card inside one is not a card (the plugin's
 *    documented way to put a card aside; a `<!--SR:…-->` inside does not close it);
 *  - schedule comments `<!--SR:…-->`, kept by line for the cards' starting history;
 *  - Obsidian block ids at the end of a line (` ^abc123`), Mnemo's own `^id-…` excepted;
 *  - `#flashcards` tags: a line of tags is a deck tag for the cards below it, a tag at the
 *    start of a card's line is that card's own deck.
 * After parsing, `finishVault` gives each card its deck, tags and schedule, and keeps no
 * card of a note without a flashcards tag (the plugin reads only those).
 */
import { closesFence, codeMask, type Fence, indexOutsideCode, openingFence } from './markdown-lines.ts';
import type { CompileError, ParsedCard, ParsedFile } from './parse.ts';
import { parseSrComment, type SrEntry } from './sr-schedule.ts';

interface TagMark {
  line: number;
  /** The first flashcards tag's path as a deck: #flashcards/sub/deck → flashcards::sub::deck. */
  deck: string;
  /** Written at the start of a line that has more than tags: that card's own deck. */
  leading: boolean;
}

interface Schedule {
  line: number;
  /** Alone on its line (the plugin's default): it belongs to the card just above. */
  ownLine: boolean;
  entries: SrEntry[];
}

export interface VaultLines {
  lines: string[];
  tags: TagMark[];
  schedules: Schedule[];
  /** Schedule comments that could not be read; their cards still compile, as new. */
  problems: CompileError[];
}

const SR_COMMENT = /[ \t]*<!--SR:([\s\S]*?)-->/g;
const ID_COMMENT = /<!--\s*id:\s*[A-Za-z0-9_-]+\s*-->/g;
/** Mnemo's id at the end of a line: kept for the parser, block ids before it removed. */
const MNEMO_ID_TAIL = /(?:^|\s)(?:\^id-[A-Za-z0-9_-]+|<!--\s*id:\s*[A-Za-z0-9_-]+\s*-->)\s*$/;
/** Obsidian's block id: letters, digits and dashes after a space (OBSIDIAN_BLOCK_ID_ENDOFLINE_REGEX). */
const BLOCK_ID = /(?:^|[ \t])\^[A-Za-z0-9-]+[ \t]*$/;
/** An Obsidian tag: # then letters, digits, _, - or /, not all digits. */
const TAG = /#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)(?=\s|$)/uy;

export const isFlashcardsTag = (tag: string): boolean => {
  const t = tag.replace(/^#/, '');
  return t === 'flashcards' || t.startsWith('flashcards/');
};

export const tagDeck = (tag: string): string =>
  tag
    .replace(/^#/, '')
    .split('/')
    .filter((p) => p !== '')
    .join('::');

/**
 * The line without its HTML comments (Mnemo's id comments and schedule comments are not
 * comments here: they are read later), and whether a comment is still open at its end.
 */
function withoutComments(text: string, open: boolean): { text: string; open: boolean } {
  if (!open && !text.includes('<!--')) return { text, open };
  // Same length, so positions in `masked` are positions in `text`.
  const blank = (m: string) => ' '.repeat(m.length);
  const masked = text.replace(SR_COMMENT, blank).replace(ID_COMMENT, blank);
  const code = codeMask(masked);
  let out = '';
  let from = 0;
  for (;;) {
    if (open) {
      const end = masked.indexOf('-->', from);
      if (end === -1) return { text: out, open: true };
      from = end + 3;
      open = false;
      continue;
    }
    const start = indexOutsideCode(masked, '<!--', code, from);
    if (start === -1) return { text: out + text.slice(from), open: false };
    out += text.slice(from, start);
    from = start + 4;
    open = true;
  }
}

/** Block ids at the end of the line, before a Mnemo id if there is one. */
function withoutBlockIds(text: string): string {
  if (!text.includes('^')) return text;
  const tail = MNEMO_ID_TAIL.exec(text);
  let body = tail ? text.slice(0, tail.index) : text;
  if (!BLOCK_ID.test(body)) return text;
  while (BLOCK_ID.test(body)) body = body.replace(BLOCK_ID, '');
  return body.trimEnd() + (tail ? tail[0] : '');
}

/** The tags a line starts with, and where the rest of its text begins. */
function leadingTags(text: string): { tags: string[]; rest: number } {
  const tags: string[] = [];
  let at = text.length - text.trimStart().length;
  for (;;) {
    TAG.lastIndex = at;
    const m = TAG.exec(text);
    if (!m) break;
    tags.push(m[1]!);
    at = TAG.lastIndex;
    at += text.slice(at).length - text.slice(at).trimStart().length;
  }
  return { tags, rest: at };
}

/** Flashcards tags anywhere in the line outside inline code (Obsidian's tag cache sees those). */
function tagsInLine(text: string): string[] {
  if (!text.includes('#flashcards')) return [];
  const code = codeMask(text);
  const found: string[] = [];
  for (const m of text.matchAll(/(?<=^|\s)#flashcards[\p{L}\p{N}_/-]*/gu)) {
    if (!code[m.index] && isFlashcardsTag(m[0])) found.push(m[0]);
  }
  return found;
}

export function readVaultLines(source: readonly string[], bodyStart: number, file: string): VaultLines {
  const lines = [...source];
  const tags: TagMark[] = [];
  const schedules: Schedule[] = [];
  const problems: CompileError[] = [];
  let fence: Fence | null = null;
  let comment = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const original = lines[i]!;
    if (fence) {
      if (closesFence(original, fence)) fence = null;
      continue;
    }
    const c = withoutComments(original, comment);
    comment = c.open;
    let text = c.text;
    if (text !== original && text.trim() === '') {
      lines[i] = '';
      continue;
    }
    fence = openingFence(text);
    if (fence) continue;
    if (text.includes('<!--SR:')) {
      let first: string | null = null;
      text = text.replace(SR_COMMENT, (_m, body: string) => {
        first ??= body;
        return '';
      });
      const read = parseSrComment(first!);
      schedules.push({ line: i + 1, ownLine: text.trim() === '', entries: read.entries });
      if (read.problem) problems.push({ file, line: i + 1, column: 1, message: read.problem });
    }
    text = withoutBlockIds(text);
    const lead = leadingTags(text);
    const own = lead.tags.find(isFlashcardsTag);
    if (own !== undefined) {
      const onlyTags = lead.rest >= text.length;
      tags.push({ line: i + 1, deck: tagDeck(own), leading: !onlyTags });
      text = onlyTags ? '' : text.slice(lead.rest);
    } else {
      const inLine = tagsInLine(text);
      if (inLine.length > 0) tags.push({ line: i + 1, deck: tagDeck(inLine[0]!), leading: false });
    }
    lines[i] = text.trim() === '' ? '' : text;
  }
  return { lines, tags, schedules, problems };
}

export interface VaultFrontMatter {
  deck?: string;
  tags: string[];
}

/**
 * A parsed note in vault mode: each card's deck (its own tag; else the nearest tag line
 * above it; else the front matter's flashcards tag; else the note's first tag, as the plugin
 * does for cards above every tag; `deck:` in the front matter wins over all of them), its
 * tags without the flashcards ones, and its schedule. A note with no flashcards tag (and no
 * `deck:`) gives nothing, errors included: the plugin does not read it.
 */
export function finishVault(parsed: ParsedFile, v: VaultLines, fm: VaultFrontMatter): ParsedFile {
  const fmDecks = fm.tags.filter(isFlashcardsTag);
  if (v.tags.length === 0 && fmDecks.length === 0 && fm.deck === undefined)
    return { ...parsed, cards: [], errors: [], warnings: [], vault: true };
  const { cards } = parsed;
  const startsCard = new Set(cards.map((c) => c.line));
  const inCard = (line: number) => cards.some((c) => c.line <= line && line <= c.endLine);
  const own = new Map<number, string>();
  const above: TagMark[] = [];
  for (const t of v.tags) {
    if (t.leading && startsCard.has(t.line)) own.set(t.line, t.deck);
    // A tag elsewhere in a card's lines is neither the card's own nor a note-level tag.
    else if (!inCard(t.line)) above.push(t);
  }
  const fallback = fmDecks.length > 0 ? tagDeck(fmDecks[0]!) : v.tags[0]?.deck;
  const tags = fm.tags.filter((t) => !isFlashcardsTag(t));
  for (const card of cards) {
    card.tags = tags;
    if (fm.deck !== undefined) continue;
    const nearest = above.findLast((t) => t.line < card.line)?.deck;
    card.deck = own.get(card.line) ?? nearest ?? fallback ?? card.deck;
  }
  for (const s of v.schedules) {
    const card = s.ownLine
      ? cards.find((c) => c.endLine === s.line - 1)
      : cards.find((c) => c.line <= s.line && s.line <= c.endLine);
    if (card && !card.schedule) card.schedule = s.entries;
  }
  return { ...parsed, warnings: [...(parsed.warnings ?? []), ...v.problems], vault: true };
}

/**
 * In vault mode a mistake costs only its card: each error in a vault note becomes a warning
 * and the card whose lines hold it is left out (an error outside every card leaves the
 * note's cards as they are). `errors` keeps the rest. `--strict` does not call this.
 */
export function demoteVaultErrors(files: readonly ParsedFile[], errors: CompileError[]): CompileError[] {
  const vault = new Map(files.filter((f) => f.vault).map((f) => [f.path, f]));
  if (vault.size === 0) return [];
  const warnings: CompileError[] = [];
  const keep: CompileError[] = [];
  for (const e of errors) {
    const f = vault.get(e.file);
    if (!f) {
      keep.push(e);
      continue;
    }
    const hit = (c: ParsedCard) => c.line <= e.line && e.line <= c.endLine;
    // A card the parser already refused (an empty back, say) is not there to skip.
    const skipped = f.cards.some(hit);
    f.cards = f.cards.filter((c) => !hit(c));
    warnings.push(skipped ? { ...e, message: `${e.message} (card skipped)` } : e);
  }
  errors.splice(0, errors.length, ...keep);
  return warnings;
}
