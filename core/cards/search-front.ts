/**
 * Browse sorted by front with very many matches: instead of sorting every card by its note's
 * JSON, migration 14's indexes of the fronts' first 40 characters (on the notes) are walked
 * until the page is full, then only the cards found are sorted by the whole front.
 *
 * Two walks: the notes by their front (a cloze's text) for every card but a reversed note's
 * second, and the reversed notes by their back for that one. Each reads `want` cards and
 * then every card whose 40 characters equal the last one's: every card it leaves out then
 * has a greater prefix, so a greater whole front (NOCASE compares bytes, and a prefix is
 * where they first differ), and `want` cards before it. The page is therefore among the
 * cards found, and sorting them by the full sort's own order gives it exactly.
 */
import type { Collection } from '../store/collection.ts';

const PREFIX = 40;
const prefix = (value: string) => `substr(${value}, 1, ${PREFIX}) COLLATE NOCASE`;

/** Each walk: its index, its prefix (word for word migration 14's) and the cards it holds. */
const WALKS = [
  {
    index: 'notes_sort_front',
    key: prefix(
      "CASE WHEN n.kind = 'cloze' THEN json_extract(n.fields, '$.text') ELSE json_extract(n.fields, '$.front') END",
    ),
    cards: "NOT (n.kind = 'reversed' AND c.ord = 1)",
  },
  {
    index: 'notes_sort_back',
    key: prefix("json_extract(n.fields, '$.back')"),
    cards: "n.kind = 'reversed' AND c.ord = 1",
  },
];

/**
 * The ids of the page (`params.offset`, `params.limit`) sorted by front, or null when the
 * walks find fewer cards than the page needs (then cards without a front, which come last,
 * may belong on it: the caller sorts every match). `where`: the filters, on `c` alone;
 * `order`: the full sort's ORDER BY, so the page is exactly its page.
 */
export function frontPage(
  col: Collection,
  descending: boolean,
  where: string[],
  params: Record<string, unknown>,
  order: string,
): number[] | null {
  const dir = descending ? 'DESC' : 'ASC';
  const want = (params.offset as number) + (params.limit as number);
  const found: number[] = [];
  for (const w of WALKS) {
    // n.kind's own term lets SQLite use the partial index of reversed notes.
    const kind = w.index === 'notes_sort_back' ? "n.kind = 'reversed' AND" : '';
    const from = `FROM notes n INDEXED BY ${w.index} CROSS JOIN cards c ON c.note_id = n.id
      WHERE ${kind} ${[`${w.key} IS NOT NULL`, w.cards, ...where].join(' AND ')}`;
    const rows = col
      .stmt(`SELECT c.id, ${w.key} AS k ${from} ORDER BY ${w.key} ${dir} LIMIT @walkNeed`)
      .all({ ...params, walkNeed: want }) as { id: number; k: string }[];
    for (const r of rows) found.push(r.id);
    // The cards tied with the last one over 40 characters: any of them may come first.
    if (rows.length === want) {
      const ties = col
        .stmt(`SELECT c.id ${from} AND ${w.key} = @walkKey`)
        .pluck()
        .all({ ...params, walkKey: rows.at(-1)!.k }) as number[];
      found.push(...ties);
    }
  }
  const unique = [...new Set(found)];
  if (unique.length < want) return null;
  const sorted = col
    .stmt(
      `SELECT c.id FROM json_each(@walkIds) j CROSS JOIN cards c ON c.id = j.value
       CROSS JOIN notes n ON n.id = c.note_id ORDER BY ${order} LIMIT @walkNeed`,
    )
    .pluck()
    .all({ walkIds: JSON.stringify(unique), walkNeed: want }) as number[];
  return sorted.slice(params.offset as number, want);
}
