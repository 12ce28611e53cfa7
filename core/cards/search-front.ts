/**
 * Browse sorted by front with very many matches: instead of sorting every card by its note's
 * JSON, migration 14's indexes of the fronts' first 40 characters (on the notes) are walked
 * until the page is full.
 *
 * Two walks: the notes by their front (a cloze's text) for every card but a reversed note's
 * second, and the reversed notes by their back for that one. A front's first 40 characters
 * order it as the whole front does wherever they differ (NOCASE compares bytes, and a prefix
 * is where they first differ), so each walk is ordered by the prefix and, within cards of
 * equal prefixes only, by the whole front, due date and id (SQLite sorts each such run on its
 * own): its first cards are exactly the full sort's first of its cards. With one walk that is
 * the page; with both, the page is among their first cards, sorted as the full sort does.
 */
import type { Collection } from '../store/collection.ts';

const PREFIX = 40;
const prefix = (value: string) => `substr(${value}, 1, ${PREFIX}) COLLATE NOCASE`;

/** Each walk: its index, its prefix (word for word migration 14's), the whole value and the cards it holds. */
const FRONT =
  "CASE WHEN n.kind = 'cloze' THEN json_extract(n.fields, '$.text') ELSE json_extract(n.fields, '$.front') END";
const BACK = "json_extract(n.fields, '$.back')";
const WALKS = [
  {
    index: 'notes_sort_front',
    key: prefix(FRONT),
    whole: `(${FRONT}) COLLATE NOCASE`,
    cards: "NOT (n.kind = 'reversed' AND c.ord = 1)",
  },
  {
    index: 'notes_sort_back',
    key: prefix(BACK),
    whole: `${BACK} COLLATE NOCASE`,
    // n.kind's own term lets SQLite use the partial index of reversed notes.
    cards: "n.kind = 'reversed' AND c.ord = 1",
  },
];

/**
 * The ids of the page (`params.offset`, `params.limit`) sorted by front, or null when the
 * walks find fewer cards than the page needs (then cards without a front, which come last,
 * may belong on it: the caller sorts every match). `where`: the filters, on `c` alone;
 * `order`: the full sort's ORDER BY, for the cards of both walks.
 */
export function frontPage(
  col: Collection,
  descending: boolean,
  where: string[],
  params: Record<string, unknown>,
  order: string,
): number[] | null {
  const dir = descending ? 'DESC' : 'ASC';
  const offset = params.offset as number;
  const want = offset + (params.limit as number);
  const walks = WALKS.map(
    (w) =>
      col
        .stmt(
          `SELECT c.id FROM notes n INDEXED BY ${w.index} CROSS JOIN cards c ON c.note_id = n.id
         WHERE ${[`${w.key} IS NOT NULL`, w.cards, ...where].join(' AND ')}
         ORDER BY ${[w.key, w.whole, 'c.due', 'c.id'].map((o) => `${o} ${dir}`).join(', ')} LIMIT @walkNeed`,
        )
        .pluck()
        .all({ ...params, walkNeed: want }) as number[],
  );
  const [fronts, backs] = walks as [number[], number[]];
  if (fronts.length + backs.length < want) return null;
  if (!backs.length || !fronts.length) return (fronts.length ? fronts : backs).slice(offset);
  const sorted = col
    .stmt(
      `SELECT c.id FROM json_each(@walkIds) j CROSS JOIN cards c ON c.id = j.value
       CROSS JOIN notes n ON n.id = c.note_id ORDER BY ${order} LIMIT @walkNeed`,
    )
    .pluck()
    .all({ walkIds: JSON.stringify([...fronts, ...backs]), walkNeed: want }) as number[];
  return sorted.slice(offset);
}
