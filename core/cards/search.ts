/** Browse: find cards by text, deck, tag, state and due range, a page at a time. */
import { subtreeIds } from '../decks/decks.ts';
import type { CardRow, DeckRow, NoteRow, PresetRow } from '../model/types.ts';
import { cardSides, type NoteFields } from '../notes/render.ts';
import { retrievability } from '../scheduler/fsrs.ts';
import type { Collection } from '../store/collection.ts';
import { notesIndexReady, noteTextOf } from '../store/fts-pending.ts';
import { buildPendingIndexes, hasPendingIndexes } from '../store/pending-indexes.ts';
import { frontPage } from './search-front.ts';
import { recallPage } from './search-recall.ts';
import { candidates, checkedPage, walkIsCheaper } from './search-text.ts';
import { walkedPage, walksIndex } from './search-walk.ts';
import { BROWSE_INDEXES } from './sort-indexes.ts';

export type SearchState = 'new' | 'learning' | 'review' | 'suspended' | 'retired' | 'leech' | 'buried';

export interface SearchFilters {
  text?: string;
  deckId?: number;
  tag?: string;
  state?: SearchState;
  dueFrom?: number;
  dueTo?: number;
  limit: number;
  offset: number;
  /** The column Browse sorts by (default: due date, new cards by age), over every match, not one page. */
  sort?: SortColumn;
  descending?: boolean;
  /** Text of 1–2 characters: read every card rather than the SHORT_SCAN oldest. */
  scanAll?: boolean;
}

export const SORT_COLUMNS = [
  'front',
  'deck',
  'state',
  'due',
  'stability',
  'difficulty',
  'retrievability',
  'lapses',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/**
 * Each column's sort key in SQL. A value the table shows as "—" (a new card's due date,
 * stability, difficulty and recall) is NULL, and NULLs go last in both directions.
 */
const SORT_SQL: Record<SortColumn, string> = {
  // The card's front as cardSides makes it: a reversed card asks the back, a cloze its text.
  front: `CASE WHEN n.kind = 'cloze' THEN json_extract(n.fields, '$.text')
    WHEN n.kind = 'reversed' AND c.ord = 1 THEN json_extract(n.fields, '$.back')
    ELSE json_extract(n.fields, '$.front') END COLLATE NOCASE`,
  deck: 'd.name COLLATE NOCASE',
  // The order of the states' names in the table: retired, suspended, then new → relearning.
  state: 'CASE WHEN c.retired = 1 THEN 5 WHEN c.suspended = 1 THEN 4 ELSE c.state END',
  due: 'CASE WHEN c.state = 0 THEN NULL ELSE c.due END',
  stability: 'CASE WHEN c.state = 0 THEN NULL ELSE c.stability END',
  difficulty: 'CASE WHEN c.state = 0 THEN NULL ELSE c.difficulty END',
  retrievability: `CASE WHEN c.state = 0 THEN NULL ELSE mnemo_recall(c.deck_id, c.id, c.due, c.stability,
    c.difficulty, c.elapsed_days, c.scheduled_days, c.learning_steps, c.reps, c.lapses, c.state,
    c.last_review) END`,
  lapses: 'c.lapses',
};

/** What mnemo_recall reads during one search: its time and each deck's preset. */
interface RecallContext {
  now: number;
  dayStartHour: number;
  presets: Map<number, PresetRow>;
}
const recallContext = new WeakMap<Collection, RecallContext>();

/**
 * Registers mnemo_recall(...) on the collection's connection: a card's current
 * retrievability computed by ts-fsrs with its deck's preset (as the table shows it), so SQL
 * can sort every matching card by it and hand back one page.
 */
function prepareRecall(col: Collection): void {
  const fresh = !recallContext.has(col);
  // Every deck's preset now: a function cannot query the connection that is running it.
  const presets = new Map<number, PresetRow>();
  for (const d of col.stmt('SELECT id FROM decks').all() as { id: number }[]) {
    presets.set(d.id, col.presetOfDeck(d.id));
  }
  recallContext.set(col, { now: col.now(), dayStartHour: col.settings().dayStartHour, presets });
  if (!fresh) return;
  col.db.function('mnemo_recall', { deterministic: false, varargs: true }, (...v: unknown[]) => {
    const [deckId, id, due, stability, difficulty, elapsed, scheduled, steps, reps, lapses, state, last] =
      v as number[];
    const ctx = recallContext.get(col)!;
    const preset = ctx.presets.get(deckId!)!;
    const row = {
      id: id!,
      due: due!,
      stability: stability!,
      difficulty: difficulty!,
      elapsed_days: elapsed!,
      scheduled_days: scheduled!,
      learning_steps: steps!,
      reps: reps!,
      lapses: lapses!,
      state: state!,
      last_review: (last ?? null) as number | null,
    };
    return retrievability(preset, row, ctx.now, ctx.dayStartHour);
  });
}

const STATE_SQL: Record<SearchState, string> = {
  new: 'c.state = 0 AND c.suspended = 0 AND c.retired = 0',
  learning: 'c.state IN (1, 3) AND c.suspended = 0 AND c.retired = 0',
  review: 'c.state = 2 AND c.suspended = 0 AND c.retired = 0',
  suspended: 'c.suspended = 1',
  retired: 'c.retired = 1',
  leech: 'c.leech = 1',
  buried: 'c.buried_until > @now',
};
/** The state filters whose matches are many enough to walk an index for (see search-walk.ts). */
const WALKED_STATES = { new: 1, learning: 1, review: 1 };
const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;

/**
 * How a page's total was counted: every match; the count stopped `COUNT_AHEAD` matches past
 * the page ("of at least"); or the cards of the notes the full-text index names ("of about",
 * an upper bound, see search-text.ts).
 */
export type CountKind = 'exact' | 'atLeast' | 'about';

/** Every card not retired, from the kept deck totals. */
const liveCards = (col: Collection) =>
  col.stmt('SELECT coalesce(sum(cards), 0) FROM deck_totals').pluck().get() as number;

/**
 * Text of 1–2 characters (below a trigram) is checked card by card: when this many cards,
 * oldest first, hold fewer than COUNT_AHEAD matches past the page, the search stops there and
 * says so (`searched`), unless asked to read every card (`scanAll`).
 */
export const SHORT_SCAN = 50_000;

/** The count reads this many matches past the page at most; beyond it the total is "more than". */
export const COUNT_AHEAD = 1000;

/** A note's text values, one a line: what the full-text index holds (migration 7) and LIKE checks. */
const FIELD_TEXT = noteTextOf('n.fields');

const whereOf = (terms: string[]) => (terms.length ? `WHERE ${terms.join(' AND ')}` : '');

/** A phrase for FTS5: the text as one string, its quotes doubled. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * One page of matches and a cheap count. Text matches when LIKE finds it in one of the note's
 * text values (ASCII letters in any case). Text of 3 characters or more is looked up in the
 * trigram index (migration 7): with many matches their count is the cards of the notes it
 * names ("about", search-text.ts) and only the cards up to the page are checked with LIKE.
 * 1–2 characters (below a trigram) are checked card by card over the SHORT_SCAN oldest cards
 * unless common or `scanAll` (`searched` says so). The total is exact when no filter is set
 * (or only a deck), from the kept deck totals; otherwise the count stops at
 * `offset + limit + COUNT_AHEAD` matches and says so (`count: 'atLeast'`). Many matches are
 * paged by walking an index in the page's order where one exists (search-walk.ts).
 */
export function searchCards(col: Collection, f: SearchFilters) {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: col.now(), limit: f.limit, offset: f.offset };
  let deckIds: number[] | null = null;
  // Retired cards are hidden unless asked for: they are no longer in any source.
  if (f.state !== 'retired') where.push('c.retired = 0');
  if (f.state) where.push(STATE_SQL[f.state]);
  if (f.deckId !== undefined) {
    const decks = col.stmt('SELECT * FROM decks').all() as DeckRow[];
    deckIds = subtreeIds(decks, f.deckId);
    where.push(`c.deck_id IN (${deckIds.join(',')})`);
  }
  const text = f.text?.trim() ?? '';
  // A large compile's notes are indexed here first if it left them for later (fts-pending.ts).
  const indexed = [...text].length >= 3 && notesIndexReady(col);
  // Browse's sort indexes likewise, if a bulk compile or import left them for later
  // (sort-indexes.ts; a read-only reader's snapshot has them built: readonly-copy.ts).
  if (hasPendingIndexes(col)) buildPendingIndexes(col.db, BROWSE_INDEXES);
  const textWhere: string[] = [];
  if (text) {
    params.text = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Text JSON writes as itself is in the raw fields whenever it is in a value: a cheap first test.
    if (JSON.stringify(text).slice(1, -1) === text) textWhere.push("n.fields LIKE @text ESCAPE '\\'");
    // What decides a match: LIKE over the note's text values (not its JSON keys), one per line.
    textWhere.push(`${FIELD_TEXT} LIKE @text ESCAPE '\\'`);
    // The trigram index names the candidate notes (it folds case at least as LIKE does).
    if (indexed) params.match = ftsPhrase(text);
  }
  const tag = f.tag?.trim() ?? '';
  const needsNote = tag !== '';
  if (needsNote) {
    where.push("(' ' || n.tags || ' ') LIKE @tag ESCAPE '\\'");
    params.tag = `% ${tag.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
  }
  if (f.dueFrom !== undefined) {
    where.push('c.due >= @dueFrom AND c.state <> 0');
    params.dueFrom = f.dueFrom;
  }
  if (f.dueTo !== undefined) {
    where.push('c.due < @dueTo AND c.state <> 0');
    params.dueTo = f.dueTo;
  }
  if (f.sort === 'retrievability') prepareRecall(col);
  const key = f.sort && SORT_SQL[f.sort];
  // Ties by due date then id, so paging is stable; descending reverses them too (as walking an
  // index backwards does), NULLs last either way.
  const dir = f.descending ? 'DESC' : 'ASC';
  const order = key ? `${key} ${dir} NULLS LAST, c.due ${dir}, c.id ${dir}` : 'c.due, c.id';
  // Very many matches sorted by a column an index keeps in order: that index walked to the page.
  // Only where matches are dense: no filter but a deck, or the new/learning/review state
  // alone (rare matches would be walked past one by one; they are sorted instead).
  const dense =
    !text &&
    !needsNote &&
    f.dueFrom === undefined &&
    f.dueTo === undefined &&
    (!f.state || f.state in WALKED_STATES);
  const walkSorted = () => {
    if (!f.sort || !dense) return null;
    if (f.sort === 'front') return frontPage(col, f.descending ?? false, where, params, order);
    if (f.sort === 'retrievability') return recallPage(col, f.descending ?? false, where, params, f.state);
    return walksIndex(f.sort)
      ? walkedPage(col, f.sort, f.descending ?? false, where, false, params, f.state, deckIds)
      : null;
  };
  const unfiltered = !text && where.length === (f.state === 'retired' ? 0 : 1) + (deckIds ? 1 : 0);
  const cap = f.offset + f.limit + COUNT_AHEAD;
  const joined = 'FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id';
  const scan = { from: joined, filter: whereOf([...where, ...textWhere]) };
  // Text of 3 characters or more: from the notes the trigram index names (CROSS JOIN keeps that order).
  const indexedRead = {
    from: `FROM notes_fts CROSS JOIN notes n ON n.id = notes_fts.rowid CROSS JOIN cards c ON c.note_id = n.id
      JOIN decks d ON d.id = c.deck_id`,
    filter: whereOf(['notes_fts MATCH @match', ...where, ...textWhere]),
  };
  // Very many matches in due order: walking the due index finds the page sooner than sorting them all.
  const walk = {
    from: `FROM cards c INDEXED BY cards_due CROSS JOIN notes n ON n.id = c.note_id
      CROSS JOIN decks d ON d.id = c.deck_id`,
    filter: scan.filter,
  };
  let total: number;
  let count: CountKind = 'exact';
  // Set when short text read only the oldest cards: the results are theirs.
  let searched: { cards: number; of: number } | null = null;
  let read = indexed ? indexedRead : scan;
  let sorted = order;
  // The page's ids in order, when they are found before the page is read.
  let pageIds: number[] | null = null;
  if (unfiltered && f.state !== 'retired') {
    total = col
      .stmt(
        `SELECT coalesce(sum(cards), 0) FROM deck_totals ${deckIds ? 'WHERE deck_id IN (SELECT value FROM json_each(?))' : ''}`,
      )
      .pluck()
      .get(...(deckIds ? [JSON.stringify(deckIds)] : [])) as number;
    // A small deck's cards are sorted (a `+` keeps SQLite from walking the due index for them).
    if (deckIds && total < cap) sorted = key ? order : '+c.due, c.id';
    else if (!key) read = walk;
    else pageIds = walkSorted();
  } else {
    const onlyLive = f.state !== 'retired' && where.length === 1;
    const found = indexed
      ? candidates(col, params.match as string, { where, textWhere, needsNote, onlyLive }, params, cap)
      : null;
    if (found?.kind === 'checked' && found.exact) {
      // Every match among many candidates found, fewer than the cap: sorted for the page.
      total = found.matches.length;
      read = { from: joined, filter: 'WHERE c.id IN (SELECT value FROM json_each(@ids))' };
      params.ids = JSON.stringify(found.matches);
    } else if (
      (found?.kind === 'about' && found.counted >= cap) ||
      (found?.kind === 'checked' && !found.exact)
    ) {
      // Many matches: counted from the index ("about") or up to the cap ("at least"), the page
      // checked with LIKE up to itself.
      total = found.kind === 'about' ? found.counted : found.matches.length;
      count = found.kind === 'about' ? 'about' : 'atLeast';
      params.cards = JSON.stringify(found.cardIds);
      const member = 'c.id IN (SELECT value FROM json_each(@cards))';
      const cheaper = walkIsCheaper(f.offset, f.limit, found.cardIds.length, liveCards(col));
      if (cheaper && !key) {
        read = { from: walk.from, filter: whereOf([member, ...where, ...textWhere]) };
      } else if (cheaper && f.sort && walksIndex(f.sort)) {
        const state = f.state && f.state in WALKED_STATES ? f.state : undefined;
        pageIds = walkedPage(
          col,
          f.sort,
          dir === 'DESC',
          [member, ...where, ...textWhere],
          true,
          params,
          state,
          deckIds,
        );
      } else {
        const note = needsNote || f.sort === 'front' ? 'CROSS JOIN notes n ON n.id = c.note_id' : '';
        const all = col.db
          .prepare(
            `SELECT c.id FROM json_each(@cards) j CROSS JOIN cards c ON c.id = j.value ${note}
             JOIN decks d ON d.id = c.deck_id ${whereOf(where)} ORDER BY ${order}`,
          )
          .pluck()
          .all(params) as number[];
        pageIds = checkedPage(col, all, textWhere.join(' AND '), params, f.offset, f.limit);
      }
    } else {
      // One pass that stops at the cap gives the matches' ids: the count, and for fewer than
      // the cap every card the page is sorted from. Short text reads the SHORT_SCAN oldest
      // cards at most (common text fills the cap sooner, rare text may not): in the order
      // they were added, which is the order of the tables, as a read of every card is; in
      // due order each card would be a read of its own (25x slower at 1M cards).
      const live = text && !indexed && !f.scanAll && f.state !== 'retired' ? liveCards(col) : 0;
      const window = live > SHORT_SCAN;
      const first = window
        ? `FROM (SELECT id FROM cards WHERE retired = 0 ORDER BY id LIMIT ${SHORT_SCAN}) w
          CROSS JOIN cards c ON c.id = w.id CROSS JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id`
        : read.from;
      const pass = (from: string) =>
        col.db.prepare(`SELECT c.id ${from} ${read.filter} LIMIT ${cap}`).pluck().all(params) as number[];
      let ids = pass(first);
      // Common text (the first page's count filled within the first cards): any page reads on.
      if (window && ids.length < cap && ids.length >= f.limit + COUNT_AHEAD) ids = pass(read.from);
      else if (window && ids.length < cap) searched = { cards: SHORT_SCAN, of: live };
      total = ids.length;
      if (total < cap) {
        read = { from: joined, filter: 'WHERE c.id IN (SELECT value FROM json_each(@ids))' };
        params.ids = JSON.stringify(ids);
      } else {
        count = 'atLeast';
        if (!key) read = walk;
        else pageIds = walkSorted();
      }
    }
  }
  if (pageIds) {
    // The page in the order found: json_each's key is each id's place.
    read = {
      from: `FROM json_each(@page) j CROSS JOIN cards c ON c.id = j.value CROSS JOIN notes n ON n.id = c.note_id
        JOIN decks d ON d.id = c.deck_id`,
      filter: '',
    };
    sorted = 'j.key';
    params.page = JSON.stringify(pageIds);
    params.offset = 0;
  }
  const rows = col.db
    .prepare(
      `SELECT c.*, n.kind AS note_kind, n.fields AS note_fields, n.tags AS note_tags, d.name AS deck_name
       ${read.from} ${read.filter} ORDER BY ${sorted} LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (CardRow & {
    note_kind: NoteRow['kind'];
    note_fields: string;
    note_tags: string;
    deck_name: string;
  })[];
  const now = col.now();
  const { dayStartHour } = col.settings();
  const cards = rows.map((r) => {
    const preset = col.presetOfDeck(r.deck_id);
    const sides = cardSides(r.note_kind, JSON.parse(r.note_fields) as NoteFields, r.ord);
    return {
      id: r.id,
      deckName: r.deck_name,
      front: sides.front,
      state: STATE_NAMES[r.state]!,
      due: r.due,
      stability: r.stability,
      difficulty: r.difficulty,
      retrievability: r.state === 0 ? null : retrievability(preset, r, now, dayStartHour),
      reps: r.reps,
      lapses: r.lapses,
      suspended: r.suspended === 1,
      retired: r.retired === 1,
      leech: r.leech === 1,
      flag: r.flag,
      tags: r.note_tags.split(' ').filter(Boolean),
    };
  });
  return { total, totalExact: count === 'exact', count, searched, cards };
}
