import type { SearchArgs, SearchState } from '../../api/types.ts';

export interface Filters {
  text: string;
  deckId: string;
  tag: string;
  state: '' | SearchState;
  /** 'YYYY-MM-DD' from <input type="date">, or ''. */
  dueFrom: string;
  dueTo: string;
}

export const EMPTY_FILTERS: Filters = { text: '', deckId: '', tag: '', state: '', dueFrom: '', dueTo: '' };

export const SEARCH_STATES: SearchState[] = [
  'new',
  'learning',
  'review',
  'suspended',
  'retired',
  'leech',
  'buried',
];

/** Local midnight of a 'YYYY-MM-DD' date, plus `addDays`. */
function dayStart(value: string, addDays = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays).getTime();
}

/** The cards.search arguments for these filters, order and page; the "to" date is inclusive. */
export function searchArgs(
  f: Filters,
  limit: number,
  offset: number,
  sort?: { column: NonNullable<SearchArgs['sort']>; descending: boolean } | null,
): SearchArgs {
  const args: SearchArgs = { limit, offset };
  if (sort) {
    args.sort = sort.column;
    args.descending = sort.descending;
  }
  if (f.text.trim()) args.text = f.text.trim();
  if (f.tag.trim()) args.tag = f.tag.trim();
  if (f.deckId) args.deckId = Number(f.deckId);
  if (f.state) args.state = f.state;
  const from = dayStart(f.dueFrom);
  const to = dayStart(f.dueTo, 1);
  if (from !== undefined) args.dueFrom = from;
  if (to !== undefined) args.dueTo = to;
  return args;
}
