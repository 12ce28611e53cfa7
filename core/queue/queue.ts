/**
 * Today's queue, built as Anki's v3 scheduler does: learning cards due now first, then
 * reviews and new cards interleaved. Limits, as in Anki:
 * - each deck's daily new/review limits count what was studied in it and its subdecks today,
 *   and apply to its subdecks' cards when it is studied (a parent caps its children);
 * - a subdeck studied on its own is capped by its parents only with "limits start from the
 *   top" (that deck's preset option, off by default);
 * - the review limit also caps new cards (new cards studied today count toward it, and new
 *   cards fill only the room reviews leave), unless "new cards ignore review limit";
 * - with sibling burying, a note's new cards count once (the others are buried when it is
 *   answered);
 * - learning cards count when due within the learn-ahead window.
 * Suspended, retired and buried cards are never gathered. Every read is a range scan of a
 * partial index.
 */
import type { Statement } from 'better-sqlite3';
import { subtreeIds } from '../decks/decks.ts';
import type { DeckRow, PresetRow } from '../model/types.ts';
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
  /** Learning cards due later today, beyond the learn-ahead window (not in `counts`). */
  learningLater: number;
}

const LIVE = 'suspended = 0 AND retired = 0 AND buried_until <= @now';

/**
 * The queue's reads. Each names its partial index (SQLite refuses the query rather than
 * fall back to a table scan) and repeats the index's WHERE terms ("state <> 0"), which is
 * how SQLite proves a partial index applies.
 */
export const QUEUE_SQL = {
  reviews: `SELECT id, due FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0 AND state = 2 AND due < @dayEnd
    AND ${LIVE} ORDER BY due LIMIT @limit`,
  /** The first learning cards over all the decks studied, by due date (SQLite's sort keeps only `limit`). */
  learning: `SELECT id, due, deck_id FROM cards INDEXED BY cards_queue_due WHERE deck_id IN (SELECT value FROM json_each(@decks)) AND state <> 0 AND state IN (1, 3) AND due < @dayEnd
    AND due <= @learnUntil AND ${LIVE} ORDER BY due, id LIMIT @limit`,
  /** Over the same decks: the learning cards due by the learn-ahead limit; those due later today and the first of them. */
  learningCounts: `SELECT count(*), NULL FROM cards INDEXED BY cards_queue_due WHERE deck_id IN (SELECT value FROM json_each(@decks)) AND state <> 0 AND state IN (1, 3) AND due < @dayEnd AND due <= @learnUntil AND ${LIVE}
    UNION ALL SELECT count(*), min(due) FROM cards INDEXED BY cards_queue_due WHERE deck_id IN (SELECT value FROM json_each(@decks)) AND state <> 0 AND state IN (1, 3) AND due < @dayEnd AND due > @learnUntil AND ${LIVE}`,
  countNew: `SELECT count(*) AS n FROM (SELECT 1 FROM cards INDEXED BY cards_queue_new WHERE deck_id = @deck AND state = 0 AND ${LIVE}
    LIMIT @limit)`,
  countReviews: `SELECT count(*) AS n FROM (SELECT 1 FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0
    AND state = 2 AND due < @dayEnd AND ${LIVE} LIMIT @limit)`,
  countLearning: `SELECT count(*) AS n FROM cards INDEXED BY cards_queue_due WHERE deck_id = @deck AND state <> 0 AND state IN (1, 3)
    AND due < @dayEnd AND due <= @learnUntil AND ${LIVE}`,
  /** New cards in order with their note, read lazily: siblings are skipped when burying. */
  newCardNotes: `SELECT id, note_id FROM cards INDEXED BY cards_queue_new WHERE deck_id = @deck AND state = 0 AND ${LIVE}
    ORDER BY new_position`,
  /** What each deck studied today from the kept quarter-hour counts (migration 7): at most 96 rows a deck. */
  doneTodayKept: `SELECT deck_id AS deck, sum(new) AS new, sum(review) AS review FROM deck_done
    WHERE deck_id IN (SELECT id FROM decks) AND bucket >= @bucket GROUP BY deck_id`,
  /** The same from the log, for a day that does not start on a quarter hour. */
  doneToday: `SELECT deck_id AS deck, sum(state_before = 0) AS new, sum(kind = 'review') AS review
    FROM review_log WHERE reviewed_at >= @dayStart AND kind <> 'cram' GROUP BY deck_id`,
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
    s.reviews.raw(true);
    s.learning.raw(true);
    s.learningCounts.raw(true);
    s.newCardNotes.raw(true);
    statements.set(col, s);
  }
  return s;
}

/** What every queue computation needs about today: the deck tree and each deck's remaining limits. */
interface Today {
  now: number;
  dayEnd: number;
  /** Learning cards due up to here count (and may be shown early when nothing else is left). */
  learnUntil: number;
  decks: DeckRow[];
  byId: Map<number, DeckRow>;
  children: Map<number | null, DeckRow[]>;
  presetOf: (deckId: number) => PresetRow;
  remaining: Map<number, { new: number; review: number }>;
}

function today(col: Collection, decks: DeckRow[]): Today {
  const now = col.now();
  const { dayStartHour, learnAheadMinutes } = col.settings();
  const day = studyDay(now, dayStartHour);
  const byId = new Map(decks.map((d) => [d.id, d]));
  const presetOf = (deckId: number) => col.preset(byId.get(deckId)!.preset_id)!;
  const children = new Map<number | null, DeckRow[]>();
  for (const d of decks) children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d]);
  const done = new Map<number, { new: number; review: number }>();
  const s = stmts(col);
  const kept = day.start % 900_000 === 0;
  const doneRows = kept
    ? s.doneTodayKept.all({ bucket: day.start / 900_000 })
    : s.doneToday.all({ dayStart: day.start });
  for (const r of doneRows as {
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
    const preset = presetOf(deck.id);
    // New cards studied today use up review room too, unless they ignore the review limit.
    const reviewsUsed = sum.review + (preset.new_ignore_review_limit ? 0 : sum.new);
    remaining.set(deck.id, {
      new: Math.max(0, preset.new_per_day - sum.new),
      review: Math.max(0, preset.reviews_per_day - reviewsUsed),
    });
    return sum;
  };
  for (const root of children.get(null) ?? []) walk(root);
  return {
    now,
    dayEnd: day.end,
    learnUntil: now + learnAheadMinutes * 60_000,
    decks,
    byId,
    children,
    presetOf,
    remaining,
  };
}

/** The decks above `deckId`, nearest first. */
function ancestors(t: Today, deckId: number): number[] {
  const out: number[] = [];
  for (let d = t.byId.get(deckId)?.parent_id; d != null; d = t.byId.get(d)?.parent_id) out.push(d);
  return out;
}

/** A deck's remaining limits when it is studied: its own, and with "limits from the top" its parents' too. */
function limitsWhenStudied(t: Today, deckId: number): { new: number; review: number } {
  const left = { ...t.remaining.get(deckId)! };
  if (t.presetOf(deckId).limits_from_top) {
    for (const a of ancestors(t, deckId)) {
      left.new = Math.min(left.new, t.remaining.get(a)!.new);
      left.review = Math.min(left.review, t.remaining.get(a)!.review);
    }
  }
  return left;
}

/** Counts a deck's next `limit` new cards, a note's siblings once when they are buried. */
function countNew(col: Collection, t: Today, deckId: number, limit: number): number {
  if (limit <= 0) return 0;
  const s = stmts(col);
  const args = { deck: deckId, now: t.now, dayEnd: t.dayEnd };
  if (!t.presetOf(deckId).bury_siblings) return (s.countNew.get({ ...args, limit }) as { n: number }).n;
  const notes = new Set<number>();
  for (const [, noteId] of s.newCardNotes.iterate(args) as Iterable<[number, number]>) {
    notes.add(noteId);
    if (notes.size >= limit) break;
  }
  return notes.size;
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
    const left = limitsWhenStudied(t, deck.id);
    const args = { deck: deck.id, now: t.now, dayEnd: t.dayEnd };
    const c: Counts = { new: 0, learning: 0, review: 0 };
    for (const child of t.children.get(deck.id) ?? []) {
      const sub = walk(child);
      c.new += sub.new;
      c.review += sub.review;
      c.learning += sub.learning;
    }
    if (left.review > 0) c.review += (s.countReviews.get({ ...args, limit: left.review }) as { n: number }).n;
    c.review = Math.min(c.review, left.review);
    // New cards fill the room the reviews leave under the review limit.
    const newRoom = t.presetOf(deck.id).new_ignore_review_limit
      ? left.new
      : Math.min(left.new, left.review - c.review);
    c.new = Math.min(c.new + countNew(col, t, deck.id, newRoom), newRoom);
    c.learning += (s.countLearning.get({ ...args, learnUntil: t.learnUntil }) as { n: number }).n;
    out.set(deck.id, c);
    return c;
  };
  for (const root of t.children.get(null) ?? []) walk(root);
  return out;
}

function allDeckRows(col: Collection): DeckRow[] {
  // The collection's cached statement: the queue is rebuilt after every answer.
  return col.stmt('SELECT * FROM decks ORDER BY name').all() as DeckRow[];
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

/**
 * How many learning cards the queue lists (all of them are counted). The list is always the
 * start of the full queue: when more learning cards are due now than this, it holds only those.
 */
export const LEARNING_LISTED = 50;

/**
 * Today's queue for one deck and its subdecks, or for the whole collection. `learningListed`
 * bounds the learning cards listed in `entries` (an exam session, which filters them, lists all).
 */
export function buildQueue(col: Collection, deckId?: number, learningListed = LEARNING_LISTED): Queue {
  const decks = allDeckRows(col);
  const t = today(col, decks);
  const s = stmts(col);
  const scope = deckId === undefined ? decks.map((d) => d.id) : subtreeIds(decks, deckId);
  const inScope = new Set(scope);
  const fromTop = deckId !== undefined && t.presetOf(deckId).limits_from_top === 1;
  // The decks whose limits a card in `id` must fit: itself up to the selected deck (and on
  // to the top with "limits start from the top").
  const chain = (id: number): number[] => {
    const ids = [id];
    if (id !== deckId) {
      for (const a of ancestors(t, id)) {
        if (!inScope.has(a)) break;
        ids.push(a);
        if (a === deckId) break;
      }
    }
    return fromTop ? [...ids, ...ancestors(t, deckId)] : ids;
  };
  const takenNew = new Map<number, number>();
  const takenReview = new Map<number, number>();
  const count = (taken: Map<number, number>, ids: number[], n: number) => {
    for (const d of ids) taken.set(d, (taken.get(d) ?? 0) + n);
  };
  const fresh: QueueEntry[] = [];
  const reviews: QueueEntry[] = [];
  const learning: QueueEntry[] = [];
  // Learning cards: counted over every deck studied, the first `learningListed` listed.
  const over = { decks: JSON.stringify(scope), now: t.now, dayEnd: t.dayEnd, learnUntil: t.learnUntil };
  const [[dueCount], [laterCount, nextLater]] = s.learningCounts.all(over) as [
    [number, null],
    [number, number | null],
  ];
  for (const [cardId, due, deck] of s.learning.all({ ...over, limit: learningListed }) as number[][]) {
    learning.push({ cardId: cardId!, deckId: deck!, kind: 'learning', due: due! });
  }
  // Listed in due order: when every one listed is due now and more are counted, more may be
  // due now too, and the list is those alone (what comes first); else all due now are listed.
  const cut = learning.every((e) => e.due <= t.now) && dueCount > learning.length;
  let reviewCount = 0;
  // Reviews first (pre-order by name: a parent's own cards before its children's, as in
  // Anki), so new cards can fill only the room they leave. When the list is cut to learning
  // cards, reviews are counted from the index without reading them.
  for (const id of scope) {
    const ids = chain(id);
    const args = { deck: id, now: t.now, dayEnd: t.dayEnd };
    const room = Math.min(...ids.map((d) => t.remaining.get(d)!.review - (takenReview.get(d) ?? 0)));
    if (room <= 0) continue;
    let n: number;
    if (cut) n = (s.countReviews.get({ ...args, limit: room }) as { n: number }).n;
    else {
      const rows = s.reviews.all({ ...args, limit: room }) as [number, number][];
      for (const [cardId, due] of rows) reviews.push({ cardId, deckId: id, kind: 'review', due });
      n = rows.length;
    }
    reviewCount += n;
    count(takenReview, ids, n);
  }
  const newRoom = (ids: number[]) =>
    Math.min(
      ...ids.map((d) => {
        const left = t.remaining.get(d)!;
        const room = left.new - (takenNew.get(d) ?? 0);
        if (t.presetOf(d).new_ignore_review_limit) return room;
        return Math.min(room, left.review - (takenReview.get(d) ?? 0) - (takenNew.get(d) ?? 0));
      }),
    );
  const takenNotes = new Set<number>();
  for (const id of scope) {
    const ids = chain(id);
    let room = newRoom(ids);
    if (room <= 0) continue;
    const bury = t.presetOf(id).bury_siblings === 1;
    for (const [cardId, noteId] of s.newCardNotes.iterate({
      deck: id,
      now: t.now,
      dayEnd: t.dayEnd,
    }) as Iterable<[number, number]>) {
      if (bury && takenNotes.has(noteId)) continue; // a sibling: buried once its note is answered
      takenNotes.add(noteId);
      fresh.push({ cardId, deckId: id, kind: 'new', due: 0 });
      count(takenNew, ids, 1);
      if (--room <= 0) break;
    }
  }
  reviews.sort((a, b) => a.due - b.due || a.cardId - b.cardId);
  const dueNow = learning.filter((e) => e.due <= t.now);
  const dueSoon = learning.filter((e) => e.due > t.now);
  return {
    counts: { new: fresh.length, learning: dueCount, review: reviewCount },
    entries: cut ? dueNow : [...dueNow, ...interleave(reviews, fresh), ...dueSoon],
    nextLearningDue: nextLater,
    learningLater: laterCount,
  };
}
