/**
 * One deck file read for a first compile (first-compile.ts): its text's digest, its line
 * digest, and each card's key, fields JSON, content hash and card ords, in a few arrays. The same
 * function runs on the compiling thread and on the parse thread (parse-thread.ts): what
 * crosses threads is these arrays, which copy several times faster than parsed cards
 * (numbers in typed arrays, the hashes in one string, repeated texts once).
 */
import { readFileSync } from 'node:fs';
import { newNoteOrds } from '../notes/notes.ts';
import { cardKey, contentHashOf } from './candidate.ts';
import { digest } from './digest.ts';
import { digestLines, type LineDigest } from './incremental.ts';
import { parseDeckFile } from './parse.ts';

export interface SourceRows {
  path: string;
  /** Digest of the file's text (source_files.content_hash). */
  hash: string;
  digest: LineDigest;
  /**
   * Null when the file needs what only the general compile does: it has errors or warnings,
   * images, an Obsidian note's schedule, or cards its tags or source differ between.
   */
  cards: CardRows | null;
}

export interface CardRows {
  /** What every card of the file shares. */
  tags: string[];
  source: string | null;
  /** The distinct kinds, decks and contexts, which `kind`, `deck` and `context` index per card. */
  texts: string[];
  kind: Uint32Array;
  deck: Uint32Array;
  context: Uint32Array;
  fieldsJson: string[];
  /** Each card's content hash then its key, 64 hex digits a card. */
  hashes: string;
  line: Uint32Array;
  id: (string | null)[];
  /** Each card's ords, one after another; `ordCount[i]` of them for card i. */
  ords: Uint32Array;
  ordCount: Uint32Array;
}

export function readSourceRows(
  path: string,
  defaultDeck: string,
  fileExists: (p: string) => boolean,
): SourceRows {
  const text = readFileSync(path, 'utf8');
  const hash = digest(text);
  // Without where its lines start and end: only the stored part crosses threads.
  const { start: _start, end: _end, ...lineDigest } = digestLines(text, defaultDeck);
  const parsed = parseDeckFile(path, text, { defaultDeck, fileExists });
  const general = { path, hash, digest: lineDigest, cards: null };
  if (parsed.vault || parsed.errors.length > 0 || (parsed.warnings?.length ?? 0) > 0) return general;
  const first = parsed.cards[0];
  const tags = first?.tags ?? [];
  const source = first?.source ?? null;
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const textAt = (t: string) => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.push(t) - 1;
      textIndex.set(t, i);
    }
    return i;
  };
  const n = parsed.cards.length;
  const kind = new Uint32Array(n);
  const deck = new Uint32Array(n);
  const context = new Uint32Array(n);
  const line = new Uint32Array(n);
  const ordCount = new Uint32Array(n);
  const fieldsJson: string[] = [];
  const hashes: string[] = [];
  const id: (string | null)[] = [];
  const ords: number[] = [];
  for (let i = 0; i < n; i++) {
    const card = parsed.cards[i]!;
    if (card.images.length > 0 || card.schedule || card.tags !== tags || card.source !== source)
      return general;
    let own: number[];
    try {
      own = newNoteOrds(card);
    } catch {
      return general; // the general compile reports it as adding the note would
    }
    const json = JSON.stringify(card.fields);
    kind[i] = textAt(card.kind);
    deck[i] = textAt(card.deck);
    context[i] = textAt(card.context);
    line[i] = card.line;
    ordCount[i] = own.length;
    ords.push(...own);
    fieldsJson.push(json);
    hashes.push(contentHashOf(card, json), cardKey(card.deck, card.front));
    id.push(card.id);
  }
  const rows: CardRows = {
    tags,
    source,
    texts,
    kind,
    deck,
    context,
    fieldsJson,
    hashes: hashes.join(''),
    line,
    id,
    ords: Uint32Array.from(ords),
    ordCount,
  };
  return { path, hash, digest: lineDigest, cards: rows };
}
