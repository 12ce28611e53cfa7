/**
 * Training items for the FSRS optimizer, built from each card's review log exactly as Anki
 * builds them (rslib/src/scheduler/fsrs/params.rs, `reviews_for_fsrs` with training on):
 *
 * - preview answers (kind 'cram', Anki's cramming entries) are skipped;
 * - only the history since the card's last run of learning answers counts; a reset (kind
 *   'manual', Anki's Reset) before it cuts everything earlier away, and a card with no
 *   learning answer after its last reset (or none at all: imported mid-life) is left out;
 * - each review's deltaT is the number of study days since the previous kept answer, days
 *   counted from the day start hour in the user's time zone (the scheduler's own study days),
 *   0 for the first answer;
 * - every answer after the first made on a later study day than the one before it is one
 *   item (the history up to and including it); same-day answers stay in the history with
 *   deltaT 0 but are not items to predict, which is what the optimizer expects.
 */
import type { ReviewKind } from '../model/types.ts';

export interface LogEntry {
  rating: number;
  kind: ReviewKind;
  reviewedAt: number;
}

export interface CardHistory {
  /** The kept answers' ratings (1-4) and deltaT in study days (0 for the first). */
  ratings: number[];
  deltas: number[];
  /** When each kept answer was made (ms). */
  times: number[];
  /** Indexes (into the kept answers) of those that are items. */
  items: number[];
}

/** One card's log (oldest first) as the optimizer sees it; null when it teaches FSRS nothing. */
export function cardHistory(entries: readonly LogEntry[], dayOf: (t: number) => number): CardHistory | null {
  let firstOfLastLearn = -1;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'cram') continue;
    if (e.rating > 0 && e.kind === 'learning') firstOfLastLearn = i;
    else if (e.kind === 'manual' && e.rating === 0) {
      // A reset: what came before it is another card's life. Nothing learned since: no history.
      if (firstOfLastLearn < 0) return null;
      break;
    } else if (firstOfLastLearn >= 0) break; // an older reset that left no log entry
  }
  if (firstOfLastLearn < 0) return null;
  const kept = entries.slice(firstOfLastLearn).filter((e) => e.rating > 0 && e.kind !== 'cram');
  const out: CardHistory = { ratings: [], deltas: [], times: [], items: [] };
  let previousDay = 0;
  kept.forEach((e, i) => {
    const day = dayOf(e.reviewedAt);
    const delta = i === 0 ? 0 : Math.max(0, day - previousDay);
    previousDay = day;
    out.ratings.push(e.rating);
    out.deltas.push(delta);
    out.times.push(e.reviewedAt);
    if (i >= 1 && delta > 0) out.items.push(i);
  });
  return out.items.length ? out : null;
}

/**
 * Every card's history packed into flat arrays (cheap to hand to a worker thread), with the
 * items in the order their answers were made, so the last part of the list is the last part
 * of the user's history in time.
 */
export interface OptimizerData {
  /** Kept answers of all cards, card after card. */
  ratings: Uint8Array;
  deltas: Int32Array;
  /** Item k is the answers [itemStart[k], itemStart[k] + itemLength[k]) of one card. */
  itemStart: Int32Array;
  itemLength: Int32Array;
  /** When item k's last answer was made (ms), ascending. */
  itemTime: Float64Array;
  /** Answers kept (all of the cards that count), as Anki counts "reviews". */
  reviews: number;
  cards: number;
  /** Every graded answer (previews left out) and the cards they went to, kept or not. */
  answers: number;
  answeredCards: number;
}

/** Collects cards one at a time (the log is read card by card) and packs them at the end. */
export class DataBuilder {
  private ratings: number[] = [];
  private deltas: number[] = [];
  private starts: number[] = [];
  private lengths: number[] = [];
  private times: number[] = [];
  private cards = 0;
  private answers = 0;
  private answeredCards = 0;

  constructor(private readonly dayOf: (t: number) => number) {}

  addCard(entries: readonly LogEntry[]): void {
    const graded = entries.filter((e) => e.rating > 0 && e.kind !== 'cram').length;
    this.answers += graded;
    if (graded) this.answeredCards++;
    const h = cardHistory(entries, this.dayOf);
    if (!h) return;
    const base = this.ratings.length;
    for (let i = 0; i < h.ratings.length; i++) {
      this.ratings.push(h.ratings[i]!);
      this.deltas.push(h.deltas[i]!);
    }
    for (const i of h.items) {
      this.starts.push(base);
      this.lengths.push(i + 1);
      this.times.push(h.times[i]!);
    }
    this.cards++;
  }

  build(): OptimizerData {
    const n = this.times.length;
    const order = Array.from({ length: n }, (_, i) => i);
    // Stable: answers made at the same moment keep card order.
    order.sort((a, b) => this.times[a]! - this.times[b]! || a - b);
    const itemStart = new Int32Array(n);
    const itemLength = new Int32Array(n);
    const itemTime = new Float64Array(n);
    order.forEach((from, to) => {
      itemStart[to] = this.starts[from]!;
      itemLength[to] = this.lengths[from]!;
      itemTime[to] = this.times[from]!;
    });
    return {
      ratings: Uint8Array.from(this.ratings),
      deltas: Int32Array.from(this.deltas),
      itemStart,
      itemLength,
      itemTime,
      reviews: this.ratings.length,
      cards: this.cards,
      answers: this.answers,
      answeredCards: this.answeredCards,
    };
  }
}
