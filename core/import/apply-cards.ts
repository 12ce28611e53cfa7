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
 * JSON written once (a row's before is the previous row's after).
 */
import type { CardRow, FsrsColumns, PresetRow, ReviewKind } from '../model/types.ts';
import { uuidv7 } from '../review/uuid.ts';
import { replayLog } from '../scheduler/fsrs.ts';
import type { StudyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { ImportedCard, ImportedReview } from './batch.ts';
import { toColumns } from './fsrs-state.ts';

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
}

/** What replay and the review rows need of a card. */
type CardKey = Pick<CardRow, 'id' | 'deck_id' | 'created_at'>;

const STATE_COLUMNS = `due = @due, stability = @stability, difficulty = @difficulty, elapsed_days = @elapsed_days,
  scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
  state = @state, last_review = @last_review`;

const INSERT_REVIEW = `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at,
  duration_ms, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** A new card's empty state, due now (as a compiled card is). */
const newState = (now: number): FsrsColumns => ({
  due: now,
  stability: 0,
  difficulty: 0,
  elapsed_days: 0,
  scheduled_days: 0,
  learning_steps: 0,
  reps: 0,
  lapses: 0,
  state: 0,
  last_review: null,
});

/**
 * Two states whose JSON is the same text: every FsrsColumns is built with its keys in one
 * order (fromFsrsCard's, see fsrs-state.ts), so equal fields give equal JSON.
 */
const sameState = (a: FsrsColumns, b: FsrsColumns): boolean =>
  a.due === b.due &&
  a.stability === b.stability &&
  a.difficulty === b.difficulty &&
  a.elapsed_days === b.elapsed_days &&
  a.scheduled_days === b.scheduled_days &&
  a.learning_steps === b.learning_steps &&
  a.reps === b.reps &&
  a.lapses === b.lapses &&
  a.state === b.state &&
  a.last_review === b.last_review;

interface Entry {
  rating: number;
  reviewed_at: number;
  kind: ReviewKind;
  /** The imported row this entry stands for; absent for rows already in the collection. */
  incoming?: ImportedReview;
  before?: FsrsColumns;
  after?: FsrsColumns;
}

/**
 * Replays a card's log (oldest first); fills each entry's before/after and returns the final
 * state. Cram answers do not schedule, so they are carried over without a step.
 */
function replay(ctx: CardContext, card: CardKey, entries: Entry[]): FsrsColumns {
  const scheduling = entries.some((e) => e.kind === 'cram')
    ? entries.filter((e) => e.kind !== 'cram')
    : entries;
  const final = replayLog(
    ctx.presetOf(card.deck_id),
    card.id,
    card.created_at,
    scheduling,
    ctx.dayStartHour,
    (i, before, after) => {
      scheduling[i]!.before = before;
      scheduling[i]!.after = after;
    },
    ctx.studyTime,
  );
  let last: FsrsColumns | undefined;
  for (const e of entries) {
    if (e.kind === 'cram') e.before = e.after = last ?? newState(card.created_at);
    last = e.after;
  }
  return final;
}

/** The rows oldest first (a stable sort, skipped when they already are: readers give them so). */
function byTime(reviews: readonly ImportedReview[]): readonly ImportedReview[] {
  for (let i = 1; i < reviews.length; i++)
    if (reviews[i]!.reviewedAt < reviews[i - 1]!.reviewedAt)
      return [...reviews].sort((a, b) => a.reviewedAt - b.reviewedAt);
  return reviews;
}

/** The incoming rows the collection does not have yet, oldest first, one per moment. */
function freshReviews(ctx: CardContext, reviews: readonly ImportedReview[], takenTimes: Set<number>) {
  const known = ctx.col.stmt('SELECT 1 FROM review_log WHERE id = ?');
  const fresh: ImportedReview[] = [];
  for (const r of byTime(reviews)) {
    if (takenTimes.has(r.reviewedAt)) continue;
    if (r.id !== undefined && (ctx.seenReviewIds.has(r.id) || (ctx.logHadRows && known.get(r.id)))) continue;
    takenTimes.add(r.reviewedAt);
    fresh.push(r);
  }
  return fresh;
}

function insertReviews(ctx: CardContext, card: CardKey, entries: readonly Entry[]): void {
  const insert = ctx.col.stmt(INSERT_REVIEW);
  let lastAfter: FsrsColumns | undefined;
  let lastAfterJson = '';
  for (const e of entries) {
    const r = e.incoming;
    if (!r) continue;
    const before = r.before ? toColumns(r.before) : e.before!;
    const after = r.after ? toColumns(r.after) : e.after!;
    const beforeJson =
      lastAfter && (before === lastAfter || sameState(before, lastAfter))
        ? lastAfterJson
        : JSON.stringify(before);
    const afterJson = after === before ? beforeJson : JSON.stringify(after);
    lastAfter = after;
    lastAfterJson = afterJson;
    // Only an id the batch gives can come again in it (a made one is new by construction).
    if (r.id !== undefined) ctx.seenReviewIds.add(r.id);
    const id = r.id ?? uuidv7(r.reviewedAt);
    insert.run(
      id,
      card.id,
      (r.deck !== undefined ? ctx.reviewDeck(r.deck) : undefined) ?? card.deck_id,
      r.rating,
      r.kind,
      before.state,
      r.reviewedAt,
      Math.round(r.durationMs),
      beforeJson,
      afterJson,
    );
    ctx.counts.reviewsAdded++;
  }
}

const toEntry = (r: ImportedReview): Entry => ({
  rating: r.rating,
  reviewed_at: r.reviewedAt,
  kind: r.kind,
  incoming: r,
});

const INSERT_CARD = `INSERT INTO cards (id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days,
  scheduled_days, learning_steps, reps, lapses, state, last_review, new_position, suspended, buried_until, flag,
  leech, retired, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Adds a card (with its imported state, flags and history) to a note. */
export function addCard(
  ctx: CardContext,
  noteId: number,
  ord: number,
  deckId: number,
  position: number,
  incoming: ImportedCard | undefined,
): void {
  const { col, now } = ctx;
  const createdAt = incoming?.createdAt ?? now;
  // The id SQLite would give it (one past the largest), known before the row is written:
  // replay seeds its fuzz with it, so the card is stored once with its final state.
  const id = ctx.nextCardId;
  if (!Number.isSafeInteger(id)) throw new Error(`card ids have run out (${id})`);
  const card: CardKey = { id, deck_id: deckId, created_at: createdAt };
  const entries = incoming ? freshReviews(ctx, incoming.reviews, new Set()).map(toEntry) : [];
  const needsReplay =
    entries.length > 0 && (!incoming!.fsrs || entries.some((e) => !e.incoming!.before || !e.incoming!.after));
  const replayed = needsReplay ? replay(ctx, card, entries) : null;
  const s = incoming?.fsrs ? toColumns(incoming.fsrs) : (replayed ?? newState(now));
  col
    .stmt(INSERT_CARD)
    .run(
      id,
      noteId,
      deckId,
      ord,
      s.due,
      s.stability,
      s.difficulty,
      s.elapsed_days,
      s.scheduled_days,
      s.learning_steps,
      s.reps,
      s.lapses,
      s.state,
      s.last_review,
      position,
      incoming?.suspended ? 1 : 0,
      incoming?.buriedUntil ?? 0,
      incoming?.flag ?? 0,
      incoming?.leech ? 1 : 0,
      incoming?.retired ? 1 : 0,
      createdAt,
      incoming?.modifiedAt ?? now,
    );
  ctx.nextCardId = id + 1;
  ctx.counts.cardsAdded++;
  insertReviews(ctx, card, entries);
}

/**
 * Merges an imported card's history into the card the collection has. Nothing changes when
 * the import brings no new rows. Otherwise the new rows are stored and the card takes the
 * imported state if the import's log covers all of the card's, else its merged log's replay.
 */
export function mergeCard(ctx: CardContext, card: CardRow, incoming: ImportedCard): void {
  const { col } = ctx;
  const local = col
    .stmt('SELECT id, rating, reviewed_at, kind FROM review_log WHERE card_id = ? ORDER BY reviewed_at, seq')
    .all(card.id) as { id: string; rating: number; reviewed_at: number; kind: ReviewKind }[];
  const fresh = freshReviews(ctx, incoming.reviews, new Set(local.map((l) => l.reviewed_at)));
  if (fresh.length === 0) return;
  const incomingIds = new Set(incoming.reviews.map((r) => r.id));
  const incomingTimes = new Set(incoming.reviews.map((r) => r.reviewedAt));
  const covered = local.every((l) => incomingIds.has(l.id) || incomingTimes.has(l.reviewed_at));
  const entries: Entry[] = [
    ...local.map((l) => ({ rating: l.rating, reviewed_at: l.reviewed_at, kind: l.kind })),
    ...fresh.map(toEntry),
  ].sort((a, b) => a.reviewed_at - b.reviewed_at);
  const takeImported = covered && incoming.fsrs !== null;
  const needsReplay = !takeImported || fresh.some((r) => !r.before || !r.after);
  const replayed = needsReplay ? replay(ctx, card, entries) : null;
  const state = takeImported ? toColumns(incoming.fsrs!) : replayed!;
  col
    .stmt(`UPDATE cards SET ${STATE_COLUMNS}, modified_at = @modified_at WHERE id = @id`)
    .run({ ...state, modified_at: ctx.now, id: card.id });
  insertReviews(ctx, card, entries);
  ctx.counts.cardsUpdated++;
}
