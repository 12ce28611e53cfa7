/**
 * Browse sorted by due date, stability, difficulty, lapses, state or deck with very many
 * matches: instead of sorting every match, an index kept in the sort's order (migration 10
 * for stability, difficulty and lapses, 12 for state and deck) is walked until the page is
 * full. Descending walks it backwards, ties included (a later due date first), so one index
 * serves both directions.
 */
import type { Collection } from '../store/collection.ts';
import type { SearchState, SortColumn } from './search.ts';

/** One ordered read: the index, the cards it holds, and its order (ascending). */
interface Segment {
  index: string;
  where: string;
  order: string[];
  /** The state filters (search-walk's walked ones) whose cards it can hold; none: every one. */
  states?: SearchState[];
}

/** New cards have no due date, stability or difficulty to show: they come last, by due date. */
const NEW_LAST: Segment = { index: 'cards_due', where: 'c.state = 0', order: ['c.due'], states: ['new'] };
const NOT_NEW = ['learning', 'review'] as SearchState[];

/** Sorted by state: each state's cards by due date (the table's order of states), then suspended cards. */
const live = 'c.suspended = 0 AND c.retired = 0';
const BY_STATE: Segment[] = [
  ...(['new', 'learning', 'review', 'learning'] as const).map((state, n) => ({
    index: 'cards_state_due',
    where: `c.state = ${n} AND ${live}`,
    order: ['c.due'],
    states: [state],
  })),
  // Retired cards (the last state) are never walked: only the retired filter shows them.
  { index: 'cards_suspended_due', where: 'c.suspended = 1 AND c.retired = 0', order: ['c.due'], states: [] },
];

/** The segments read one after the other for each column an index keeps in order. */
const SEGMENTS: Partial<Record<SortColumn, Segment[]>> = {
  due: [{ index: 'cards_due', where: 'c.state <> 0', order: ['c.due'], states: NOT_NEW }, NEW_LAST],
  stability: [
    { index: 'cards_stability', where: 'c.state <> 0', order: ['c.stability', 'c.due'], states: NOT_NEW },
    NEW_LAST,
  ],
  difficulty: [
    { index: 'cards_difficulty', where: 'c.state <> 0', order: ['c.difficulty', 'c.due'], states: NOT_NEW },
    NEW_LAST,
  ],
  lapses: [{ index: 'cards_lapses', where: 'c.lapses >= 0', order: ['c.lapses', 'c.due'] }],
  // Descending reverses the order of these segments too (NULLs, which stay last, have none).
  state: BY_STATE,
};

/** Whether `sort` is read by walking an index (else every match is sorted). */
export const walksIndex = (sort: SortColumn) => sort in SEGMENTS || sort === 'deck';

/**
 * Sorted by deck: each deck's cards by due date (cards_deck_due), the decks in the order of
 * their names as SQLite's NOCASE compares them; decks whose names compare equal are one
 * segment (their cards sorted together by due date, as the full sort has them). `deckIds`:
 * only these decks (the deck filter), so the walk never reads a deck the filter leaves out.
 */
function deckSegments(col: Collection, deckIds: readonly number[] | null): Segment[] {
  const groups = col
    .stmt(
      `SELECT group_concat(id) FROM decks ${deckIds ? `WHERE id IN (${deckIds.join(',')})` : ''}
       GROUP BY name COLLATE NOCASE ORDER BY name COLLATE NOCASE`,
    )
    .pluck()
    .all() as string[];
  return groups.map((ids) => ({
    index: 'cards_deck_due',
    where: ids.includes(',') ? `c.deck_id IN (${ids})` : `c.deck_id = ${ids}`,
    order: ['c.due'],
  }));
}

/**
 * The ids of one page sorted by `sort`, walking its indexes in order until the page is full.
 * `where` are the filters (`needsNote`: some read the note; `state`: new, learning or review,
 * the only state filters walked; `deckIds`: the deck filter's decks). Each segment is read
 * only as far as the page still needs, and the walk stops as soon as it is full. Sparse
 * filters are not walked: the caller sorts their matches instead.
 */
export function walkedPage(
  col: Collection,
  sort: SortColumn,
  descending: boolean,
  where: string[],
  needsNote: boolean,
  params: Record<string, unknown>,
  state?: SearchState,
  deckIds: readonly number[] | null = null,
): number[] {
  const dir = descending ? ' DESC' : '';
  const note = needsNote ? 'CROSS JOIN notes n ON n.id = c.note_id' : '';
  let segments = sort === 'deck' ? deckSegments(col, deckIds) : SEGMENTS[sort]!;
  // A state filter leaves out the segments that cannot hold it (rather than walk them to their end).
  segments = segments.filter((s) => !state || !s.states || s.states.includes(state));
  if (descending && (sort === 'deck' || sort === 'state')) segments = [...segments].reverse();
  const want = (params.offset as number) + (params.limit as number);
  const found: number[] = [];
  for (const s of segments) {
    if (found.length >= want) break;
    const rows = col
      .stmt(
        `SELECT c.id FROM cards c INDEXED BY ${s.index} ${note}
         WHERE ${[s.where, ...where].join(' AND ')}
         ORDER BY ${[...s.order, 'c.id'].map((o) => o + dir).join(', ')} LIMIT @walkNeed`,
      )
      .pluck()
      .all({ ...params, walkNeed: want - found.length }) as number[];
    found.push(...rows);
  }
  return found.slice(params.offset as number, want);
}
