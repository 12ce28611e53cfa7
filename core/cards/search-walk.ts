/**
 * Browse sorted by due date, stability, difficulty or lapses with very many matches: instead
 * of sorting every match, an index kept in the sort's order (migration 10 for the last three)
 * is walked until the page is full. Descending walks it backwards, ties included (a later due
 * date first), so one index serves both directions.
 */
import type { Collection } from '../store/collection.ts';
import type { SearchState, SortColumn } from './search.ts';

/** One ordered read: the index, the cards it holds, and its order (ascending). */
interface Segment {
  index: string;
  where: string;
  order: string[];
}

/** New cards have no due date, stability or difficulty to show: they come last, by due date. */
const NEW_LAST: Segment = { index: 'cards_due', where: 'c.state = 0', order: ['c.due'] };

/** The segments read one after the other for each column an index keeps in order. */
const SEGMENTS: Partial<Record<SortColumn, Segment[]>> = {
  due: [{ index: 'cards_due', where: 'c.state <> 0', order: ['c.due'] }, NEW_LAST],
  stability: [{ index: 'cards_stability', where: 'c.state <> 0', order: ['c.stability', 'c.due'] }, NEW_LAST],
  difficulty: [
    { index: 'cards_difficulty', where: 'c.state <> 0', order: ['c.difficulty', 'c.due'] },
    NEW_LAST,
  ],
  lapses: [{ index: 'cards_lapses', where: 'c.lapses >= 0', order: ['c.lapses', 'c.due'] }],
};

/** Whether `sort` is read by walking an index (else every match is sorted). */
export const walksIndex = (sort: SortColumn) => sort in SEGMENTS;

/**
 * The ids of one page sorted by `sort`, walking its indexes in order until the page is full.
 * `where` are the filters (`needsNote`: some read the note; `state`: new, learning or review,
 * the only state filters walked); the LIMIT over the UNION ALL stops the walk as soon as the
 * page is full. Sparse filters are not walked: the caller sorts their matches instead.
 */
export function walkedPage(
  col: Collection,
  sort: SortColumn,
  descending: boolean,
  where: string[],
  needsNote: boolean,
  params: Record<string, unknown>,
  state?: SearchState,
): number[] {
  const dir = descending ? ' DESC' : '';
  const note = needsNote ? 'CROSS JOIN notes n ON n.id = c.note_id' : '';
  // A state filter leaves out the segment that cannot hold it (rather than walk it to its end).
  const segments = SEGMENTS[sort]!.filter(
    (s) => !state || (state === 'new' ? s.where !== 'c.state <> 0' : s !== NEW_LAST),
  );
  const parts = segments.map(
    (s) =>
      `SELECT * FROM (SELECT c.id FROM cards c INDEXED BY ${s.index} ${note}
        WHERE ${[s.where, ...where].join(' AND ')}
        ORDER BY ${[...s.order, 'c.id'].map((o) => o + dir).join(', ')})`,
  );
  return col.db
    .prepare(`${parts.join(' UNION ALL ')} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all(params) as number[];
}
