/**
 * Today's queue, built as Anki's v3 scheduler does: learning cards due now first, then
 * reviews and new cards interleaved, each deck's daily new/review limits applying to it and
 * to everything below it (a parent's limit caps its children). Suspended, retired and
 * buried cards are never gathered. Every read is a range scan of a partial index.
 */
import type { Statement } from 'better-sqlite3';
import { subtreeIds } from '../decks/decks.ts';
import type { DeckRow } from '../model/types.ts';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';

export interface Counts {
  new: number;
  learning: number;
  review: number;
}

export type QueueKind = 'learning' | 'review' | 'new';

export interface QueueEntry {
  cardId: number;
  deckId: number;
  kind: QueueKind;
  due: number;
}

export interface Queue {
  counts: Counts;
  /** The cards to show, in order; learning cards due later today are counted but not listed. */
  entries: QueueEntry[];
  /** When the next learning card still pending today becomes due (null if none). */
  nextLearningDue: number | null;
}

const LIVE = 'suspended = 0 AND retired = 0 AND buried_until <= @now';

/**
 * The queue's reads. Each names its partial index (SQLite refuses the query rather than
 * fall back to a table scan) and repeats the index's WHERE terms ("state <> 0"), which is
 * how SQLite proves a partial index applies.
 */
export const QUEUE_SQL = {
  newCards: `SELECT id, 0 AS due FROM cards INDEXED BY cards_queue_new WHERE deck_id = @deck AND state = 0 AND ${LIVE}
    ORDER BY new_position LIMIT @limit`,
  reviews: `SELECT id, due FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0 AND state = 2 AND due < @dayEnd
    AND ${LIVE} ORDER BY due LIMIT @limit`,
  learning: `SELECT id, due FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0 AND state IN (1, 3)
    AND due < @dayEnd AND ${LIVE} ORDER BY due`,
  countNew: `SELECT count(*) AS n FROM (SELECT 1 FROM cards INDEXED BY cards_queue_new WHERE deck_id = @deck AND state = 0 AND ${LIVE}
    LIMIT @limit)`,
  countReviews: `SELECT count(*) AS n FROM (SELECT 1 FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0
    AND state = 2 AND due < @dayEnd AND ${LIVE} LIMIT @limit)`,
  countLearning: `SELECT count(*) AS n FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0 AND state IN (1, 3)
    AND due < @dayEnd AND ${LIVE}`,
  doneToday: `SELECT deck_id AS deck, sum(state_before = 0) AS new, sum(kind = 'review') AS review
    FROM review_log WHERE reviewed_at >= @dayStart GROUP BY deck_id`,
} as const;

type Statements = Record<keyof typeof QUEUE_SQL, Statement>;

const statements = new WeakMap<Collection, Statements>();

function stmts(col: Collection): Statements {
  let s = statements.get(col);
  if (!s) {
    s = Object.fromEntries(
      Object.entries(QUEUE_SQL).map(([name, sql]) => [name, col.db.prepare(sql)]),
    ) as Statements;
    // Rows as [id, due] arrays: no object per row on the hot path.
    s.newCards.raw(true);
    s.reviews.raw(true);
    s.learning.raw(true);
    statements.set(col, s);
  }
  return s;
}

/** What every queue computation needs about today: the deck tree and each deck's remaining limits. */
interface Today {
  now: number;
  dayEnd: number;
  decks: DeckRow[];
  children: Map<number | null, DeckRow[]>;
  remaining: Map<number, { new: number; review: number }>;
}

function today(col: Collection, decks: DeckRow[]): Today {
  const now = col.now();
  const day = studyDay(now, col.settings().dayStartHour);
  const children = new Map<number | null, DeckRow[]>();
  for (const d of decks) children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d]);
  const done = new Map<number, { new: number; review: number }>();
  for (const r of stmts(col).doneToday.all({ dayStart: day.start }) as {
    deck: number;
    new: number;
    review: number;
  }[]) {
    done.set(r.deck, { new: r.new, review: r.review });
  }
  // A deck's limit counts what was studied in it and in all its subdecks today.
  const remaining = new Map<number, { new: number; review: number }>();
  const walk = (deck: DeckRow): { new: number; review: number } => {
    const sum = { ...(done.get(deck.id) ?? { new: 0, review: 0 }) };
    for (const c of children.get(deck.id) ?? []) {
      const sub = walk(c);
      sum.new += sub.new;
      sum.review += sub.review;
    }
    const preset = col.preset(deck.preset_id)!;
    remaining.set(deck.id, {
      new: Math.max(0, preset.new_per_day - sum.new),
      review: Math.max(0, preset.reviews_per_day - sum.review),
    });
    return sum;
  };
  for (const root of children.get(null) ?? []) walk(root);
  return { now, dayEnd: day.end, decks, children, remaining };
}

/**
 * Today's counts for every deck as if it were selected: own cards up to the deck's limits,
 * plus its children's counts, capped again by the deck's limits (Anki's deck list).
 */
export function deckCounts(col: Collection, decks = allDeckRows(col)): Map<number, Counts> {
  const t = today(col, decks);
  const s = stmts(col);
  const out = new Map<number, Counts>();
  const walk = (deck: DeckRow): Counts => {
    const left = t.remaining.get(deck.id)!;
    const args = { deck: deck.id, now: t.now, dayEnd: t.dayEnd };
    const c: Counts = {
      new: left.new > 0 ? (s.countNew.get({ ...args, limit: left.new }) as { n: number }).n : 0,
      review: left.review > 0 ? (s.countReviews.get({ ...args, limit: left.review }) as { n: number }).n : 0,
      learning: (s.countLearning.get(args) as { n: number }).n,
    };
    for (const child of t.children.get(deck.id) ?? []) {
      const sub = walk(child);
      c.new += sub.new;
      c.review += sub.review;
      c.learning += sub.learning;
    }
    c.new = Math.min(c.new, left.new);
    c.review = Math.min(c.review, left.review);
    out.set(deck.id, c);
    return c;
  };
  for (const root of t.children.get(null) ?? []) walk(root);
  return out;
}

function allDeckRows(col: Collection): DeckRow[] {
  return col.db.prepare('SELECT * FROM decks ORDER BY name').all() as DeckRow[];
}

/**
 * Spreads new cards evenly among reviews (Anki's "mix new cards and reviews"): each list's
 * items sit at evenly spaced points of [0, 1] and the two are merged by position.
 */
export function interleave<T>(reviews: readonly T[], fresh: readonly T[]): T[] {
  const out: T[] = [];
  let r = 0;
  let n = 0;
  while (r < reviews.length || n < fresh.length) {
    const rPos = r < reviews.length ? (r + 0.5) / reviews.length : Number.POSITIVE_INFINITY;
    const nPos = n < fresh.length ? (n + 0.5) / fresh.length : Number.POSITIVE_INFINITY;
    out.push(rPos <= nPos ? reviews[r++]! : fresh[n++]!);
  }
  return out;
}

/** Today's queue for one deck and its subdecks, or for the whole collection. */
export function buildQueue(col: Collection, deckId?: number): Queue {
  const decks = allDeckRows(col);
  const t = today(col, decks);
  const s = stmts(col);
  const learnAhead = col.settings().learnAheadMinutes * 60_000;
  const scope = deckId === undefined ? decks.map((d) => d.id) : subtreeIds(decks, deckId);
  const inScope = new Set(scope);
  const byId = new Map(decks.map((d) => [d.id, d]));
  // The chain of decks whose limits a card in `id` must fit: itself up to the selected deck.
  const chain = (id: number): number[] => {
    const ids: number[] = [];
    for (
      let d = byId.get(id);
      d && inScope.has(d.id);
      d = d.parent_id === null ? undefined : byId.get(d.parent_id)
    ) {
      ids.push(d.id);
      if (d.id === deckId) break;
    }
    return ids;
  };
  const takenNew = new Map<number, number>();
  const takenReview = new Map<number, number>();
  const fresh: QueueEntry[] = [];
  const reviews: QueueEntry[] = [];
  const learning: QueueEntry[] = [];
  // Pre-order by name: a parent's own cards come before its children's, as in Anki.
  for (const id of scope) {
    const ids = chain(id);
    const room = (kind: 'new' | 'review', taken: Map<number, number>) =>
      Math.min(...ids.map((d) => t.remaining.get(d)![kind] - (taken.get(d) ?? 0)));
    const args = { deck: id, now: t.now, dayEnd: t.dayEnd };
    const take = (
      stmt: Statement,
      kind: QueueKind,
      limit: number,
      list: QueueEntry[],
      taken?: Map<number, number>,
    ) => {
      if (limit <= 0) return;
      const rows = stmt.all({ ...args, limit }) as [number, number][];
      for (const [cardId, due] of rows) list.push({ cardId, deckId: id, kind, due });
      if (taken) for (const d of ids) taken.set(d, (taken.get(d) ?? 0) + rows.length);
    };
    take(s.newCards, 'new', room('new', takenNew), fresh, takenNew);
    take(s.reviews, 'review', room('review', takenReview), reviews, takenReview);
    for (const [cardId, due] of s.learning.all(args) as [number, number][]) {
      learning.push({ cardId, deckId: id, kind: 'learning', due });
    }
  }
  reviews.sort((a, b) => a.due - b.due || a.cardId - b.cardId);
  learning.sort((a, b) => a.due - b.due || a.cardId - b.cardId);
  const dueNow = learning.filter((e) => e.due <= t.now);
  const dueSoon = learning.filter((e) => e.due > t.now && e.due <= t.now + learnAhead);
  const later = learning.filter((e) => e.due > t.now + learnAhead);
  return {
    counts: { new: fresh.length, learning: learning.length, review: reviews.length },
    entries: [...dueNow, ...interleave(reviews, fresh), ...dueSoon],
    nextLearningDue: later[0]?.due ?? null,
  };
}
