/**
 * Browse's text of 3 characters or more with many matches: the trigram index (migration 7)
 * names the candidate notes, their cards are counted once (the count is "about", an upper
 * bound, see below), and the page is read without checking every candidate: only the cards
 * up to the page are checked with LIKE, which decides.
 */
import type { Collection } from '../store/collection.ts';

/**
 * At most this many cards of matching notes are read from the index; past it the search falls
 * back to walking the cards in due order, which common text fills quickly.
 */
export const CANDIDATE_CAP = 30_000;

/** Past this many candidates, other filters are counted only up to the page's count ahead. */
export const FILTERED_COUNT_CAP = 4_000;

/** What the text search learned from the index before reading a page. */
export type Candidates =
  /** The matching notes have CANDIDATE_CAP cards or more: the text is common. */
  | { kind: 'common' }
  /**
   * The cards of the matching notes (not yet checked), and how many of them pass the other
   * filters (with no filter, the cards themselves): "about".
   */
  | { kind: 'about'; cardIds: number[]; counted: number }
  /**
   * Many candidates and other filters: the first `stop` matches among them by the filters
   * and LIKE (fewer: every match, `exact`).
   */
  | { kind: 'checked'; cardIds: number[]; matches: number[]; exact: boolean };

/**
 * The cards of the notes whose text holds `match` (an FTS5 phrase) by the trigram index, read
 * from the (note_id, ord) index alone, and how many of them pass `where` (the filters other
 * than the text; `needsNote` when they read the note; `onlyLive` when the only filter hides
 * retired cards: then they are counted with the others, as reading each card to leave them
 * out would cost a random read per card). The index folds letters of every script to one
 * case, LIKE only ASCII ones: a card whose note holds the text only in another case of a
 * non-ASCII letter ("Ä" for "ä") is counted too. The count is an upper bound. With other
 * filters and more than FILTERED_COUNT_CAP candidates, each card is read and checked with
 * `textWhere` too, but only until `stop` matches are found.
 */
export function candidates(
  col: Collection,
  match: string,
  filters: { where: string[]; textWhere: string[]; needsNote: boolean; onlyLive: boolean },
  params: Record<string, unknown>,
  stop: number,
): Candidates {
  // One statement from the index to the cards (through the (note_id, ord) index alone).
  const cardIds = col
    .stmt(
      `SELECT c.id FROM notes_fts CROSS JOIN cards c ON c.note_id = notes_fts.rowid
       WHERE notes_fts MATCH ? LIMIT ${CANDIDATE_CAP}`,
    )
    .pluck()
    .all(match) as number[];
  if (cardIds.length >= CANDIDATE_CAP) return { kind: 'common' };
  if (filters.onlyLive) return { kind: 'about', cardIds, counted: cardIds.length };
  const args = { ...params, cards: JSON.stringify(cardIds) };
  const from = 'FROM json_each(@cards) j CROSS JOIN cards c ON c.id = j.value';
  if (cardIds.length > FILTERED_COUNT_CAP) {
    const matches = col.db
      .prepare(
        `SELECT c.id ${from} CROSS JOIN notes n ON n.id = c.note_id
         WHERE ${[...filters.where, ...filters.textWhere].join(' AND ')} LIMIT ${stop}`,
      )
      .pluck()
      .all(args) as number[];
    return { kind: 'checked', cardIds, matches, exact: matches.length < stop };
  }
  const note = filters.needsNote ? 'CROSS JOIN notes n ON n.id = c.note_id' : '';
  const counted = col.db
    .prepare(`SELECT count(*) ${from} ${note} WHERE ${filters.where.join(' AND ')}`)
    .pluck()
    .get(args) as number;
  return { kind: 'about', cardIds, counted };
}

/**
 * Whether walking an index in the page's order finds the page sooner than sorting every
 * candidate: the walk reads about (offset + limit) × all cards / candidates index entries,
 * checking each against the candidates' ids from the entry alone; the sort reads each
 * candidate's row, a random read costing about 20 entries walked (measured at 1M cards).
 */
export function walkIsCheaper(offset: number, limit: number, candidates: number, allCards: number): boolean {
  return ((offset + limit) * allCards) / Math.max(1, candidates) < 20 * candidates;
}

/**
 * The ids of the page's cards among `sorted` candidate ids: each checked with `textWhere`
 * (LIKE) in order, a chunk at a time, until `offset + limit` matches are found.
 */
export function checkedPage(
  col: Collection,
  sorted: readonly number[],
  textWhere: string,
  params: Record<string, unknown>,
  offset: number,
  limit: number,
): number[] {
  const check = col.stmt(
    `SELECT c.id FROM json_each(@ids) j CROSS JOIN cards c ON c.id = j.value CROSS JOIN notes n ON n.id = c.note_id
     WHERE ${textWhere}`,
  );
  const found: number[] = [];
  const want = offset + limit;
  for (let at = 0, chunk = limit; at < sorted.length && found.length < want; at += chunk, chunk *= 2) {
    const part = sorted.slice(at, at + chunk);
    const ok = new Set(check.pluck().all({ ...params, ids: JSON.stringify(part) }) as number[]);
    for (const id of part) if (ok.has(id) && found.length < want) found.push(id);
  }
  return found.slice(offset);
}
