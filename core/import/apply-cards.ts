/**
 * An imported card's scheduling and history. A new card takes its FSRS state from the
 * import when the source recorded one, else from replaying its review log through Mnemo's
 * scheduler (study days, the deck's preset), else it is new. Review rows keep their ids and
 * are never stored twice: a row whose id is already in the log, or an answer to the same card
 * at the same moment, is skipped, so importing a file again adds no history. A card that
 * gains rows the collection lacked (answered on another device) gets the merged log's state.
 *
 * A package can bring a million review rows, so the per-row work here is kept to what the
 * row needs: statements prepared once, presets looked up once per deck, and each state's
 * JSON written once (a row's before is the previous row's after). A new card is planned
 * here (its id, rows and replay job) and written through `ctx.writes`, which may replay it
 * on a worker meanwhile; an existing card's merge is replayed and written in place.
 */

import type { CardRow, PresetRow, ReviewKind } from '../model/types.ts';
import { uuidv7 } from '../review/uuid.ts';
import type { StudyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { ImportedCard, ImportedReview } from './batch.ts';
import { toColumns } from './fsrs-state.ts';
import type { CardWrites } from './replay/queue.ts';
import { newState, type Replayed, replayOne, toEntry } from './replay/replay.ts';
import { fsrsValues } from './replay/steps.ts';
import type { ReviewRows } from './review-rows.ts';
import { isSpan, REVIEW_KINDS, type ReviewSpan, reviewList, spanIncreasing } from './review-span.ts';

export interface CardContext {
  col: Collection;
  now: number;
  dayStartHour: number;
  /** The study-time mapping for dayStartHour, one for the whole import (it caches the days it maps). */
  studyTime: StudyTime;
  /** Review ids stored by this import so far (a batch may repeat one). */
  seenReviewIds: Set<string>;
  /**
   * False when the review log was empty as the import began: then an id can only be in it
   * if this import stored it (`seenReviewIds`), and no row needs looking up.
   */
  logHadRows: boolean;
  /** The deck a review names, if it exists (else the card's own deck is used). */
  reviewDeck: (name: string) => number | undefined;
  /** The id the next card added gets: one past the largest (only the import adds cards meanwhile). */
  nextCardId: number;
  /** The preset of a deck (decks keep their presets while notes are applied). */
  presetOf: (deckId: number) => PresetRow;
  counts: { cardsAdded: number; cardsUpdated: number; reviewsAdded: number };
  /** Where new cards' writes wait for their replays (in place, or on a worker). */
  writes: CardWrites;
  /**
   * Where review rows are written, several to a statement (flushed before the log is read).
   * A row held there is not yet in the log; no look-up by id can miss it, since ids the
   * batch gives are in `seenReviewIds` and the ones made here are new.
   */
  reviewRows: ReviewRows;
}

/** What replay and the review rows need of a card. */
type CardKey = Pick<CardRow, 'id' | 'deck_id' | 'created_at'>;

const STATE_COLUMNS = `due = @due, stability = @stability, difficulty = @difficulty, elapsed_days = @elapsed_days,
  scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
  state = @state, last_review = @last_review`;

/** The rows oldest first (a stable sort, skipped when they already are: readers give them so). */
function byTime(reviews: readonly ImportedReview[]): readonly ImportedReview[] {
  for (let i = 1; i < reviews.length; i++)
    if (reviews[i]!.reviewedAt < reviews[i - 1]!.reviewedAt)
      return [...reviews].sort((a, b) => a.reviewedAt - b.reviewedAt);
  return reviews;
}

/** The incoming rows the collection does not have yet, oldest first, one per moment. */
function freshReviews(ctx: CardContext, reviews: readonly ImportedReview[], takenTimes: Set<number>) {
  const sorted = byTime(reviews);
  // The common case (an Anki package): no ids, each moment once, none taken: all are fresh.
  if (
    takenTimes.size === 0 &&
    sorted.every((r, i) => r.id === undefined && (i === 0 || r.reviewedAt > sorted[i - 1]!.reviewedAt))
  )
    return sorted;
  const known = ctx.col.stmt('SELECT 1 FROM review_log WHERE id = ?');
  const fresh: ImportedReview[] = [];
  for (const r of sorted) {
    if (takenTimes.has(r.reviewedAt)) continue;
    if (r.id !== undefined && (ctx.seenReviewIds.has(r.id) || (ctx.logHadRows && known.get(r.id)))) continue;
    takenTimes.add(r.reviewedAt);
    fresh.push(r);
  }
  return fresh;
}

/**
 * The review rows of the imported entries (`undefined` for a row the collection has),
 * aligned with the replay's entries. A row's states are the import's own when it has them,
 * else the replay's. `decks`: the deck each row names, looked up when the card was planned.
 */
function insertReviews(
  ctx: CardContext,
  card: CardKey,
  entries: readonly (ImportedReview | undefined)[],
  decks: readonly (number | undefined)[] | null,
  replayed: Replayed | null,
): void {
  const insert = ctx.reviewRows;
  const batch = replayed?.batch;
  const offset = replayed?.offset ?? 0;
  for (let i = 0; i < entries.length; i++) {
    const r = entries[i];
    if (!r) continue;
    let beforeJson: string;
    let stateBefore: number;
    if (r.before) {
      const before = toColumns(r.before);
      beforeJson = JSON.stringify(before);
      stateBefore = before.state;
    } else {
      beforeJson = batch!.texts[batch!.before[offset + i]!]!;
      stateBefore = batch!.states[offset + i]!;
    }
    const afterJson = r.after ? JSON.stringify(toColumns(r.after)) : batch!.texts[batch!.after[offset + i]!]!;
    insert.add(
      r.id ?? uuidv7(r.reviewedAt),
      card.id,
      decks?.[i] ?? card.deck_id,
      r.rating,
      r.kind,
      stateBefore,
      r.reviewedAt,
      Math.round(r.durationMs),
      beforeJson,
      afterJson,
    );
  }
}

/** The review rows of a span, every one fresh to a new card (`spanIncreasing`), all replayed. */
function insertSpan(ctx: CardContext, card: CardKey, span: ReviewSpan, replayed: Replayed): void {
  const insert = ctx.reviewRows;
  const { batch, offset } = replayed;
  const { columns: c, start, end } = span;
  for (let i = start, e = offset; i < end; i++, e++) {
    const at = c.reviewedAt[i]!;
    insert.add(
      uuidv7(at),
      card.id,
      card.deck_id,
      c.rating[i]!,
      REVIEW_KINDS[c.kind[i]!]!,
      batch.states[e]!,
      at,
      Math.round(c.durationMs[i]!),
      batch.texts[batch.before[e]!]!,
      batch.texts[batch.after[e]!]!,
    );
  }
}

/** The decks the rows name, if any does (looked up now: a deck made later must not count). */
function reviewDecks(ctx: CardContext, rows: readonly (ImportedReview | undefined)[]) {
  return rows.some((r) => r?.deck !== undefined)
    ? rows.map((r) => (r?.deck !== undefined ? ctx.reviewDeck(r.deck) : undefined))
    : null;
}

/** Counts the rows as added and remembers their ids: only an id the batch gives can come again in it. */
function taken(ctx: CardContext, fresh: readonly ImportedReview[]): void {
  for (const r of fresh) if (r.id !== undefined) ctx.seenReviewIds.add(r.id);
  ctx.counts.reviewsAdded += fresh.length;
}

const INSERT_CARD = `INSERT INTO cards (id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days,
  scheduled_days, learning_steps, reps, lapses, state, last_review, new_position, suspended, buried_until, flag,
  leech, retired, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The card's row: its imported state, else its replay's final state, else new. */
function insertCard(
  ctx: CardContext,
  noteId: number,
  ord: number,
  position: number,
  card: CardKey,
  incoming: ImportedCard | undefined,
  replayed: Replayed | null,
): void {
  const s = incoming?.fsrs ? toColumns(incoming.fsrs) : (replayed?.final ?? newState(ctx.now));
  ctx.col
    .stmt(INSERT_CARD)
    .run(
      card.id,
      noteId,
      card.deck_id,
      ord,
      ...fsrsValues(s),
      position,
      incoming?.suspended ? 1 : 0,
      incoming?.buriedUntil ?? 0,
      incoming?.flag ?? 0,
      incoming?.leech ? 1 : 0,
      incoming?.retired ? 1 : 0,
      card.created_at,
      incoming?.modifiedAt ?? ctx.now,
    );
}

/** addCard for a span of rows: no ids, no decks named, no states given, so each row is replayed. */
function addSpanCard(
  ctx: CardContext,
  noteId: number,
  ord: number,
  position: number,
  card: CardKey,
  incoming: ImportedCard,
  span: ReviewSpan,
): void {
  const n = span.end - span.start;
  ctx.counts.reviewsAdded += n;
  const job = n > 0 ? { preset: ctx.presetOf(card.deck_id), card, rows: span } : null;
  ctx.writes.add(job, (replayed) => {
    insertCard(ctx, noteId, ord, position, card, incoming, replayed);
    if (replayed) insertSpan(ctx, card, span, replayed);
  });
}

/** Adds a card (with its imported state, flags and history) to a note. */
export function addCard(
  ctx: CardContext,
  noteId: number,
  ord: number,
  deckId: number,
  position: number,
  incoming: ImportedCard | undefined,
): void {
  const { now } = ctx;
  const createdAt = incoming?.createdAt ?? now;
  // The id SQLite would give it (one past the largest), known before the row is written:
  // replay seeds its fuzz with it, so the card is stored once with its final state.
  const id = ctx.nextCardId;
  if (!Number.isSafeInteger(id)) throw new Error(`card ids have run out (${id})`);
  ctx.nextCardId = id + 1;
  ctx.counts.cardsAdded++;
  const card: CardKey = { id, deck_id: deckId, created_at: createdAt };
  // A span whose times increase is all fresh to a new card and is stored from its columns;
  // any other is taken as objects.
  const given = incoming?.reviews;
  if (given && isSpan(given) && spanIncreasing(given)) {
    addSpanCard(ctx, noteId, ord, position, card, incoming!, given);
    return;
  }
  const fresh = incoming ? freshReviews(ctx, reviewList(given!), new Set()) : [];
  taken(ctx, fresh);
  const decks = reviewDecks(ctx, fresh);
  const needsReplay = fresh.length > 0 && (!incoming!.fsrs || fresh.some((r) => !r.before || !r.after));
  const job = needsReplay
    ? {
        preset: ctx.presetOf(deckId),
        card,
        rows: fresh,
      }
    : null;
  // Written once its replay is in (at once, unless a worker replays it).
  ctx.writes.add(job, (replayed) => {
    insertCard(ctx, noteId, ord, position, card, incoming, replayed);
    insertReviews(ctx, card, fresh, decks, replayed);
  });
}

/**
 * Merges an imported card's history into the card the collection has. Nothing changes when
 * the import brings no new rows. Otherwise the new rows are stored and the card takes the
 * imported state if the import's log covers all of the card's, else its merged log's replay.
 */
export function mergeCard(ctx: CardContext, card: CardRow, incoming: ImportedCard): void {
  const { col } = ctx;
  ctx.reviewRows.flush(); // the card's log is read below
  const local = col
    .stmt('SELECT id, rating, reviewed_at, kind FROM review_log WHERE card_id = ? ORDER BY reviewed_at, seq')
    .all(card.id) as { id: string; rating: number; reviewed_at: number; kind: ReviewKind }[];
  const given = reviewList(incoming.reviews);
  const fresh = freshReviews(ctx, given, new Set(local.map((l) => l.reviewed_at)));
  if (fresh.length === 0) return;
  const incomingIds = new Set(given.map((r) => r.id));
  const incomingTimes = new Set(given.map((r) => r.reviewedAt));
  const covered = local.every((l) => incomingIds.has(l.id) || incomingTimes.has(l.reviewed_at));
  const merged = [
    ...local.map((l) => ({
      entry: toEntry({ rating: l.rating, reviewedAt: l.reviewed_at, kind: l.kind }),
      incoming: undefined,
    })),
    ...fresh.map((r) => ({ entry: toEntry(r), incoming: r })),
  ].sort((a, b) => a.entry.reviewed_at - b.entry.reviewed_at);
  const rows = merged.map((m) => m.incoming);
  taken(ctx, fresh);
  const takeImported = covered && incoming.fsrs !== null;
  const needsReplay = !takeImported || fresh.some((r) => !r.before || !r.after);
  const replayed = needsReplay
    ? replayOne(
        ctx.presetOf(card.deck_id),
        ctx.dayStartHour,
        ctx.studyTime,
        card,
        merged.map((m) => m.entry),
      )
    : null;
  const state = takeImported ? toColumns(incoming.fsrs!) : replayed!.final;
  col
    .stmt(`UPDATE cards SET ${STATE_COLUMNS}, modified_at = @modified_at WHERE id = @id`)
    .run({ ...state, modified_at: ctx.now, id: card.id });
  insertReviews(ctx, card, rows, reviewDecks(ctx, rows), replayed);
  ctx.counts.cardsUpdated++;
}
