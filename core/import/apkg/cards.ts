/**
 * An Anki card and its review log as Mnemo's ImportedCard. The FSRS memory state comes from
 * `cards.data` (`s`, `d`; rslib/src/storage/card/data.rs) with the rest of the state from
 * the card's scheduling columns; without it the state is left to the applier, which
 * rebuilds it by replaying the log through ts-fsrs. Revlog rows become reviews; a package
 * from the v1 scheduler has 3-button learning answers, renumbered as Anki's upgrade does.
 */
import type { ImportedCard, ImportedFsrsState } from '../batch.ts';
import type { ReviewSpan } from '../review-span.ts';
import type { DueMapper } from './timing.ts';

export interface AnkiCard {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  odid: number;
  flags: number;
  data: unknown;
}

export interface CardContext {
  now: number;
  due: DueMapper;
  /** The v1 scheduler's learning answers (Again, Good, Easy) are renumbered to 1, 3, 4. */
  v1: boolean;
  steps(deckId: number, relearning: boolean): number;
  /** The FSRS parameters (21) the card's deck config has, or ts-fsrs's defaults. */
  weights(deckId: number): readonly number[];
  /** Counts a thing left out or changed, reported once as a warning. */
  note(what: string): void;
}

const MAX_TIME = 8.64e15;
const MAX_DAYS = 200 * 365;

/** Review kinds by number (REVIEW_KINDS): learning, review, relearning, manual, cram. */
const MANUAL = 3;
const CRAM = 4;

/**
 * A revlog row (its id, ease, factor and type) as a review's rating + 8 × its kind's number
 * (REVIEW_KINDS), or -1 for rows Mnemo's log cannot hold (set due date, rescheduled).
 * Positional and a number, not an object: a million of these are read.
 */
export function reviewCode(
  id: number,
  ease: number,
  factor: number,
  type: number,
  v1: boolean,
  ctx: Pick<CardContext, 'note'>,
): number {
  if (!(id > 0 && id < MAX_TIME)) {
    ctx.note('review(s) with an impossible time left out');
    return -1;
  }
  if (ease === 0) {
    // A reset (Manual, factor 0: Revlog::is_reset) starts the card over; Mnemo logs it as manual.
    if (type === 4 && factor === 0) return MANUAL * 8;
    ctx.note('rescheduling entries (set due date, reschedule) left out of the history');
    return -1;
  }
  if (ease < 0 || ease > 4) {
    ctx.note('review(s) with an unknown answer button left out');
    return -1;
  }
  const rating = v1 && (type === 0 || type === 2) && (ease === 2 || ease === 3) ? ease + 1 : ease;
  const kind = type === 3 && factor === 0 ? CRAM : type >= 0 && type <= 2 ? type : 1;
  return rating + 8 * kind;
}

/** A revlog row's time as a review's duration (ms, within a day). */
export const reviewDuration = (time: number): number => Math.max(0, Math.min(time, 86_400_000));

interface MnemoExtras {
  due: number;
  lr: number | null;
  el: number;
  sd: number;
  ls: number;
  r: number;
}

/** The exact values a Mnemo export adds to `data` (Anki drops them once it saves the card). */
function extras(data: Record<string, unknown>, card: AnkiCard): MnemoExtras | null {
  const m = data.mnemo;
  if (typeof m !== 'object' || m === null) return null;
  const e = m as Record<string, unknown>;
  const ok = (v: unknown, max = MAX_TIME) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
  if (!ok(e.due) || !ok(e.el) || !ok(e.sd) || !ok(e.ls) || e.r !== card.reps) return null;
  if (e.lr !== null && !ok(e.lr)) return null;
  return e as unknown as MnemoExtras;
}

function parseData(data: unknown): Record<string, unknown> {
  if (typeof data !== 'string' || !data.startsWith('{')) return {};
  try {
    const v = JSON.parse(data) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {}; // Anki ignores what it cannot read here, too
  }
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function dueOf(card: AnkiCard, ctx: CardContext): number {
  const dayBased =
    card.queue === 2 || card.queue === 3 || (card.queue < 0 && (card.type === 2 || card.due < 1_000_000_000));
  if (!dayBased) return Math.min(MAX_TIME, Math.max(0, card.due * 1000));
  const offset = Math.max(-MAX_DAYS, Math.min(MAX_DAYS, card.due - ctx.due.today));
  return ctx.due.dayStart(ctx.due.today + offset);
}

/**
 * The memory state of a card that has an interval but neither `data` nor a review log
 * (reviewed before its history was kept), as Anki infers it when FSRS is turned on
 * (rslib/src/scheduler/fsrs/memory_state.rs, the fsrs crate's `memory_state_from_sm2`):
 * the stability whose forgetting curve gives 90% recall at the interval, and the
 * difficulty that makes the SM-2 ease the growth FSRS would give.
 */
export function memoryFromSm2(
  ease: number,
  interval: number,
  w: readonly number[],
): { s: number; d: number } {
  const retention = 0.9; // Anki's default "historical retention"
  const decay = -w[20]!;
  const factor = 0.9 ** (1 / decay) - 1;
  const s = (Math.max(0.001, interval) * factor) / (retention ** (1 / decay) - 1);
  const d = 11 - (ease - 1) / (Math.exp(w[8]!) * s ** -w[9]! * Math.expm1((1 - retention) * w[10]!));
  return { s, d: Math.min(10, Math.max(1, d)) };
}

/** The card's FSRS state, or null when it is new or nothing gives its memory state. */
/** The times of the span's last two answers that schedule (not a reset, not cram), latest first. */
function lastRated({ columns: c, start, end }: ReviewSpan): number[] {
  const out: number[] = [];
  for (let i = end - 1; i >= start && out.length < 2; i--)
    if (c.rating[i]! > 0 && c.kind[i] !== CRAM) out.push(c.reviewedAt[i]!);
  return out;
}

function fsrsState(
  card: AnkiCard,
  parsed: Record<string, unknown>,
  reviews: ReviewSpan,
  ctx: CardContext,
): ImportedFsrsState | null {
  if (card.type < 1 || card.type > 3) return null;
  const data = { ...parsed }; // the inferred memory state is added to this copy only
  const rated = lastRated(reviews);
  if ((!finite(data.s) || !finite(data.d)) && rated.length === 0 && card.ivl > 0 && card.type !== 1) {
    const inferred = memoryFromSm2(
      (card.factor || 2500) / 1000,
      card.ivl,
      ctx.weights(card.odid || card.did),
    );
    if (Number.isFinite(inferred.s) && Number.isFinite(inferred.d)) Object.assign(data, inferred);
  }
  if (!finite(data.s) || data.s <= 0 || !finite(data.d)) return null;
  const state = card.type as 1 | 2 | 3;
  const exact = extras(data, card);
  const due = exact ? exact.due : dueOf(card, ctx);
  let lastReview: number | null;
  if (exact) lastReview = exact.lr;
  else if (finite(data.lrt) && data.lrt > 0 && data.lrt * 1000 <= ctx.now + 86_400_000)
    lastReview = data.lrt * 1000;
  else if (rated.length) lastReview = rated[0]!;
  else lastReview = state === 2 ? Math.max(0, due - Math.max(0, card.ivl) * 86_400_000) : null;
  const previous = rated.length > 1 ? rated[1]! : null;
  const steps = state === 2 ? 0 : ctx.steps(card.odid || card.did, state === 3);
  return {
    due,
    stability: data.s,
    difficulty: Math.min(10, Math.max(1, data.d)),
    elapsedDays: exact
      ? exact.el
      : lastReview !== null && previous !== null
        ? Math.max(0, ctx.due.studyDay(lastReview) - ctx.due.studyDay(previous))
        : 0,
    scheduledDays: exact ? exact.sd : state === 2 ? Math.min(MAX_DAYS, Math.max(0, card.ivl)) : 0,
    learningSteps: exact ? exact.ls : state === 2 ? 0 : Math.max(0, steps - (card.left % 1000)),
    reps: Math.max(0, card.reps),
    lapses: Math.max(0, card.lapses),
    state,
    lastReview,
  };
}

const MAX_REVIEWS = 100_000;

/** The card with its reviews (already converted, oldest first). */
export function toImportedCard(
  card: AnkiCard,
  deck: string,
  history: ReviewSpan,
  ctx: CardContext,
): ImportedCard {
  let reviews = history;
  if (reviews.end - reviews.start > MAX_REVIEWS) {
    ctx.note(`oldest reviews of card(s) with over ${MAX_REVIEWS} left out`);
    reviews = { ...reviews, start: reviews.end - MAX_REVIEWS };
  }
  const data = parseData(card.data);
  const out: ImportedCard = { ord: card.ord, deck, fsrs: fsrsState(card, data, reviews, ctx), reviews };
  if (card.queue === -1) out.suspended = true;
  if (card.queue === -2 || card.queue === -3) out.buriedUntil = ctx.due.nextDayStart;
  if (card.flags & 7) out.flag = card.flags & 7;
  if (card.type === 0 && card.due >= 0 && card.due <= 1e9) out.newPosition = card.due;
  else if (finite(data.pos) && data.pos >= 0 && data.pos <= 1e9) out.newPosition = Math.floor(data.pos);
  if (card.id > 946_684_800_000 && card.id <= ctx.now + 86_400_000) out.createdAt = card.id;
  return out;
}
