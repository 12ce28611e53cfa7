/**
 * One deck file read for a first compile (first-compile.ts): its text's digest, its line
 * digest, and each card's key, fields JSON, content hash and card ords, in plain arrays. The
 * same function runs on the compiling thread and on the parse thread (parse-thread.ts): what
 * crosses threads is these arrays, which copy several times faster than parsed cards.
 */
import { readFileSync } from 'node:fs';
import type { NoteKind } from '../model/types.ts';
import { newNoteOrds } from '../notes/notes.ts';
import { cardKey, contentHashOf } from './candidate.ts';
import { digest } from './digest.ts';
import { digestLines, fileLines, type LineDigest } from './incremental.ts';
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
  /** The file's deck (front matter or path), and what every card of it shares. */
  tags: string[];
  source: string | null;
  kind: NoteKind[];
  deck: string[];
  context: string[];
  fieldsJson: string[];
  contentHash: string[];
  key: string[];
  line: number[];
  id: (string | null)[];
  /** Each card's ords, one after another; `ordCount[i]` of them for card i. */
  ords: number[];
  ordCount: number[];
}

export function readSourceRows(
  path: string,
  defaultDeck: string,
  fileExists: (p: string) => boolean,
): SourceRows {
  const text = readFileSync(path, 'utf8');
  const hash = digest(text);
  const lines = fileLines(text);
  const lineDigest = digestLines(text, lines, defaultDeck);
  const parsed = parseDeckFile(path, text, { defaultDeck, fileExists });
  const general = { path, hash, digest: lineDigest, cards: null };
  if (parsed.vault || parsed.errors.length > 0 || (parsed.warnings?.length ?? 0) > 0) return general;
  const first = parsed.cards[0];
  const rows: CardRows = {
    tags: first?.tags ?? [],
    source: first?.source ?? null,
    kind: [],
    deck: [],
    context: [],
    fieldsJson: [],
    contentHash: [],
    key: [],
    line: [],
    id: [],
    ords: [],
    ordCount: [],
  };
  for (const card of parsed.cards) {
    if (card.images.length > 0 || card.schedule || card.tags !== rows.tags || card.source !== rows.source)
      return general;
    let ords: number[];
    try {
      ords = newNoteOrds(card);
    } catch {
      return general; // the general compile reports it as adding the note would
    }
    const fieldsJson = JSON.stringify(card.fields);
    rows.kind.push(card.kind);
    rows.deck.push(card.deck);
    rows.context.push(card.context);
    rows.fieldsJson.push(fieldsJson);
    rows.contentHash.push(contentHashOf(card, fieldsJson));
    rows.key.push(cardKey(card.deck, card.front));
    rows.line.push(card.line);
    rows.id.push(card.id);
    rows.ords.push(...ords);
    rows.ordCount.push(ords.length);
  }
  return { path, hash, digest: lineDigest, cards: rows };
}
