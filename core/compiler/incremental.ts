/**
 * A recompile of a changed file re-reads only the cards around what changed. Each compiled
 * file leaves a digest of its lines (two 32-bit hashes a line, and what kind of line it is:
 * blank, heading, fence, front matter, image) in `source_files.lines`. Next time, the new
 * lines are matched to the old ones (line-diff.ts), and each old card (its lines run from its
 * first line to the next card's) is kept as it is when neither it nor a neighbour changed:
 * its row is not read, matched, rewritten or re-indexed, only moved if lines were added above
 * it. The rest is parsed by the real parser, from a card that starts a paragraph and did not
 * change to the next such card, with every other line blanked (front matter and headings
 * stay, so decks, context and line numbers come out as in a parse of the whole file).
 *
 * Whenever that reasoning could fail the file is parsed whole: a heading, fence, front-matter
 * or lint-ignore line added or removed, another default deck, vault mode, cards whose lines
 * are out of order, or too many lines changed.
 */

import { matchLines } from './line-diff.ts';
import { closesFence, type Fence, heading, openingFence } from './markdown-lines.ts';

const BLANK = 1;
const HEADING = 2;
/** Lines whose change can change how every later line reads: fences, lint-ignore, front matter. */
const SPECIAL = 4;
const IMAGE = 8;
const FRONT = 16;

/** 2: the line hashes of scanLines as they are now (a version-1 digest is read whole once). */
const VERSION = 2;

/** A compiled file's cards, in file order: each one's note, first line and id if written. */
export interface FileCards {
  ids: Uint32Array;
  /** 1-based. */
  lines: Uint32Array;
  /** Position in the file → the card's ^id, for those that have one. */
  sourceIds: Map<number, string>;
  /** Every note id fits in 32 bits (else the digest is not stored). */
  fits: boolean;
}

export interface LineDigest {
  /** Hash of what else the parse depends on: the default deck. */
  context: number;
  /** Stored with the digest by the compile; none for a file being read now. */
  cards: FileCards | null;
  count: number;
  h1: Uint32Array;
  /** A second, 16-bit hash: 48 bits a line in all. */
  h2: Uint16Array;
  flags: Uint8Array;
  /** Front matter says `obsidian:` (vault reading): never read incrementally. */
  vault: boolean;
  /**
   * Where each line of the text it was made from starts and ends (as fileLines cuts it), for
   * the few lines read again (lineOf); not stored, and absent in a decoded digest.
   */
  start?: Uint32Array;
  end?: Uint32Array;
}

/** Line `i` of `text`, as fileLines has it, from the text's digest. */
export function lineOf(text: string, d: LineDigest, i: number): string {
  return text.slice(d.start![i], d.end![i]);
}

/** The file's lines as the parser splits them. */
export function fileLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.includes('\r') ? body.split(/\r?\n/) : body.split('\n');
}

function hashPair(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** What String.prototype.trim strips: JavaScript's white space and line terminators. */
function isSpace(c: number): boolean {
  if (c > 32 && c < 127) return false;
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288 ||
    c === 65279
  );
}

/** One step of the line hashes over a word of two UTF-16 code units (xor-shift: every bit reaches the low ones). */
const stepA = (a: number, w: number) => {
  const x = Math.imul(a ^ w, 0x01000193);
  return x ^ (x >>> 15);
};
const stepB = (b: number, w: number) => {
  const x = Math.imul(b ^ w, 0x5bd1e995);
  return x ^ (x >>> 13);
};

/**
 * Two independent 32-bit hashes of each line (a carriage return before the newline
 * included), each line's first character that is not white space (-1: a blank line) and
 * whether it has `![`. The hashes take two code units a step, seeded with the line's length;
 * the newlines and `![` are found by indexOf: half the time of a step per code unit with a
 * test of each for a newline (a 1% recompile of 200 files hashes 350,000 lines).
 */
function scanLines(
  text: string,
  h1: Uint32Array,
  h2: Uint16Array,
  lead: Int32Array,
  image: Uint8Array,
  starts: Uint32Array,
  ends: Uint32Array,
): void {
  const len = text.length;
  let s = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let img = text.indexOf('![', s);
  for (let line = 0; ; line++) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = len;
    let a = 0x811c9dc5 ^ (e - s);
    let b = 0x9747b28c;
    let i = s;
    for (; i + 1 < e; i += 2) {
      const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      a = stepA(a, w);
      b = stepB(b, w);
    }
    if (i < e) {
      a = stepA(a, text.charCodeAt(i));
      b = stepB(b, text.charCodeAt(i));
    }
    h1[line] = a >>> 0;
    h2[line] = (b ^ (b >>> 16)) & 0xffff;
    starts[line] = s;
    // A carriage return before a newline is not part of the line (fileLines splits at \r?\n).
    ends[line] = e < len && e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
    let first = -1;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (!isSpace(c)) {
        first = c;
        break;
      }
    }
    lead[line] = first;
    for (; img !== -1 && img < e; img = text.indexOf('![', img + 1)) if (img >= s) image[line] = 1;
    if (e >= len) return;
    s = e + 1;
  }
}

/** How many lines fileLines cuts `text` into. */
function lineCount(text: string): number {
  let count = 1;
  for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) count++;
  return count;
}

/**
 * The digest of a file's lines, read as the parser reads them (fences, headings, front
 * matter). No string is made of a line but those a test must read (front matter, fences,
 * headings): a recompile of 200 files has 350,000 lines.
 */
export function digestLines(text: string, defaultDeck: string): LineDigest {
  const count = lineCount(text);
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  const line = (i: number) => text.slice(starts[i], ends[i]);
  const h1 = new Uint32Array(count);
  const h2 = new Uint16Array(count);
  const flags = new Uint8Array(count);
  const lead = new Int32Array(count);
  const image = new Uint8Array(count);
  scanLines(text, h1, h2, lead, image, starts, ends);
  let start = 0;
  let vault = false;
  if (line(0).trim() === '---') {
    let end = 1;
    while (end < count && line(end).trim() !== '---' && line(end).trim() !== '...') end++;
    start = end === count ? count : end + 1;
    for (let i = 0; i < start; i++) {
      flags[i] = FRONT | SPECIAL;
      if (/^obsidian\s*:/.test(line(i))) vault = true;
    }
  }
  let fence: Fence | null = null;
  for (let i = start; i < count; i++) {
    let f = 0;
    // The first character tells which of the parser's line tests can apply (each then runs as is).
    const c = lead[i]!; // -1 for a blank line
    const fenceChar = c === 96 || c === 126; // ` or ~
    if (fence) {
      if (fenceChar && closesFence(line(i), fence)) {
        fence = null;
        f |= SPECIAL;
      }
    } else if (c === -1) f |= BLANK;
    else if (fenceChar && openingFence(line(i))) {
      fence = openingFence(line(i));
      f |= SPECIAL;
    } else if (c === 35 && heading(line(i)))
      f |= HEADING; // #
    else if (c === 60 && line(i).includes('lint-ignore')) f |= SPECIAL; // <
    if (image[i]) f |= IMAGE;
    flags[i] = f;
  }
  return {
    context: hashPair(defaultDeck)[0],
    cards: null,
    count,
    h1,
    h2,
    flags,
    vault,
    start: starts,
    end: ends,
  };
}

/** The digest as stored; null (read whole next time) for note ids past 32 bits. */
export function encodeDigest(d: LineDigest, cards: FileCards): Buffer | null {
  if (cards.ids.length > 0 && !cards.fits) return null;
  const c = cards.ids.length;
  const ids = Buffer.from(JSON.stringify([...cards.sourceIds]));
  const head = new Uint32Array([VERSION, d.context, d.count, d.vault ? 1 : 0, c, ids.length]);
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([
    bytes(head),
    bytes(d.h1),
    bytes(cards.lines),
    bytes(cards.ids),
    bytes(d.h2),
    bytes(d.flags),
    ids,
  ]);
}

export function decodeDigest(blob: Buffer | null | undefined): LineDigest | null {
  if (!blob || blob.length < 24) return null;
  const part = (at: number, bytes: number) =>
    blob.buffer.slice(blob.byteOffset + at, blob.byteOffset + at + bytes);
  const [version, context, n, vault, c, json] = new Uint32Array(part(0, 24)) as unknown as number[];
  if (version !== VERSION || blob.length !== 24 + 7 * n! + 8 * c! + json!) return null;
  let at = 24;
  const take = (bytes: number) => {
    at += bytes;
    return part(at - bytes, bytes);
  };
  const h1 = new Uint32Array(take(4 * n!));
  const lines = new Uint32Array(take(4 * c!));
  const ids = new Uint32Array(take(4 * c!));
  const h2 = new Uint16Array(take(2 * n!));
  const flags = new Uint8Array(take(n!));
  const sourceIds = new Map(JSON.parse(blob.toString('utf8', at, at + json!)) as [number, string][]);
  return {
    context: context!,
    count: n!,
    h1,
    h2,
    cards: { ids, lines, sourceIds, fits: true },
    flags,
    vault: vault === 1,
  };
}

/** An old card left as it is: its note, and its first line in the new file. */
export interface KeptCard {
  id: number;
  line: number;
  /** Its place among the file's cards (numbered with the re-read ones when they are planned). */
  index: number;
  oldLine: number;
  oldIndex: number;
  sourceId: string | null;
}

export interface Incremental {
  /** The new file's lines with every line outside the windows blanked: what the parser reads. */
  lines: string[];
  /** Old cards outside every window, at their new lines. */
  kept: KeptCard[];
  /** Old cards inside the windows: matched anew against what the parser finds there. */
  reread: number[];
}

/**
 * What to re-read of a changed file, or null to read it whole. `lines`/`now`: the new file;
 * `old`: its digest and live cards (in file order) from the last compile.
 */
export function planIncremental(old: LineDigest, text: string, now: LineDigest): Incremental | null {
  const cards = old.cards;
  if (!cards || cards.ids.length === 0 || old.vault || now.vault || old.context !== now.context) return null;
  const n = old.count;
  const m = now.count;
  const match = matchLines(n, m, (i, j) => old.h1[i] === now.h1[j] && old.h2[i] === now.h2[j], 64 + (m >> 3));
  if (!match) return null;
  const toNew = new Int32Array(n).fill(-1);
  for (let j = 0; j < m; j++) if (match[j]! >= 0) toNew[match[j]!] = j;
  // Lines added or removed that change how the lines after them read: the whole file, then.
  for (let i = 0; i < n; i++) if (toNew[i] === -1 && old.flags[i]! & (SPECIAL | HEADING)) return null;
  for (let j = 0; j < m; j++) if (match[j] === -1 && now.flags[j]! & (SPECIAL | HEADING)) return null;
  // addedBefore[i]: new lines come right before old line i (i = n: at the end).
  const addedBefore = new Uint8Array(n + 1);
  for (let j = m - 1, next = n; j >= 0; j--) {
    if (match[j]! >= 0) next = match[j]!;
    else addedBefore[next] = 1;
  }
  const k = cards.ids.length;
  const start = (c: number) => cards.lines[c]! - 1; // 0-based first line of card c
  for (let c = 1; c < k; c++) if (start(c) <= start(c - 1)) return null;
  if (start(k - 1) >= n) return null;
  // Changed, per card's lines (its first line up to the next card's): index 0 is what comes
  // before the first card, card c is index c + 1. Lines added right before a card's first
  // line count for the card above.
  const changed = new Uint8Array(k + 1);
  changed[0] = addedBefore[0]!;
  for (let c = -1; c < k; c++) {
    const from = c < 0 ? 0 : start(c);
    const to = c + 1 < k ? start(c + 1) : n; // exclusive
    let hit = changed[c + 1] === 1;
    for (let i = from; i < to && !hit; i++) hit = toNew[i] === -1 || (old.flags[i]! & IMAGE) !== 0;
    for (let i = from + 1; i <= to && !hit; i++) hit = addedBefore[i] === 1;
    changed[c + 1] = hit ? 1 : 0;
  }
  // A card is kept when neither it nor a neighbour changed (a neighbour's change can join or
  // split its paragraph, or make a paragraph after it its continuation).
  const kept = (c: number) => !changed[c] && !changed[c + 1] && !(c + 1 < k && changed[c + 2]);
  // A window starts and ends at a kept card that starts a paragraph (an anchor).
  const anchor = (c: number) => {
    const s = start(c);
    return kept(c) && (s === 0 || (old.flags[s - 1]! & (BLANK | HEADING | FRONT)) !== 0);
  };
  const inWindow = new Uint8Array(m);
  const keptCards: KeptCard[] = [];
  const reread: number[] = [];
  let c = 0;
  while (c < k) {
    if (kept(c)) {
      keptCards.push({
        id: cards.ids[c]!,
        line: toNew[start(c)]! + 1,
        index: c,
        oldLine: cards.lines[c]!,
        oldIndex: c,
        sourceId: cards.sourceIds.get(c) ?? null,
      });
      c++;
      continue;
    }
    // Back to the anchor before (re-read from its first line), or the top of the file.
    let first = c - 1;
    while (first >= 0 && !anchor(first)) first--;
    const fromOld = first < 0 ? 0 : start(first);
    while (keptCards.length > 0 && keptCards.at(-1)!.oldLine - 1 >= fromOld) reread.push(keptCards.pop()!.id);
    // On to the next anchor (not re-read), or the end of the file.
    let after = c + 1;
    while (after < k && !anchor(after)) after++;
    const from = first < 0 ? 0 : toNew[fromOld]!;
    const to = after < k ? toNew[start(after)]! : m;
    inWindow.fill(1, from, to);
    for (let r = c; r < after; r++) reread.push(cards.ids[r]!);
    c = after;
  }
  const out = new Array<string>(m);
  for (let j = 0; j < m; j++)
    out[j] = inWindow[j] || now.flags[j]! & (HEADING | FRONT) ? lineOf(text, now, j) : '';
  return { lines: out, kept: keptCards, reread };
}

/** The digest of a file rewritten in place (ids written into it): its deck as before, its cards as given. */
export function redigest(stored: Buffer | null | undefined, text: string, cards: FileCards): Buffer | null {
  const old = decodeDigest(stored);
  if (!old) return null;
  return encodeDigest({ ...digestLines(text, ''), context: old.context }, cards);
}

/** A file's cards from rows (id, 1-based first line, ^id) in file order. */
export function fileCards(rows: readonly (readonly [number, number, string | null])[]): FileCards {
  const cards: FileCards = {
    ids: new Uint32Array(rows.length),
    lines: new Uint32Array(rows.length),
    sourceIds: new Map(),
    fits: true,
  };
  rows.forEach(([id, line, sourceId], i) => {
    cards.ids[i] = id;
    if (id > 0xffffffff) cards.fits = false;
    cards.lines[i] = line;
    if (sourceId !== null) cards.sourceIds.set(i, sourceId);
  });
  return cards;
}
