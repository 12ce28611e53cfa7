/**
 * How the Stats screen reads the review log: from the covering index `review_log_stats`
 * (migration 6; on stored columns since migration 13), whose first column is a small "group
 * code" per answer. The code packs what every chart groups by and what never changes once the
 * answer is logged:
 *
 *   code = rating + 5 * (interval class + 3 * kind class) + 75 * recent
 *
 * rating 0–4 (0 = manual), interval class from the card's interval before the answer
 * (`before.scheduled_days`: 0 = under a day, 1 = young, 2 = mature, Anki's 21-day line), kind
 * class 0 learning, 1 relearning, 2 review, 3 cram (preview), 4 manual; recent: the card's
 * previous answer was less than 25 hours before, the longest a study day lasts (otherwise
 * this answer is surely its first of the day). Counting one code over one study day is then
 * one index range: no sort, no table read, for a million answers.
 */

/**
 * Word for word the expression the index holds (migration 13's form of migration 6's): SQLite
 * matches it textually. `before_scheduled_days` and `before_last_review` are the before-state
 * JSON's values, stored by SQLite as each row is written (generated columns).
 */
export const CODE = `(rating + 5 * (CASE WHEN before_scheduled_days >= 21 THEN 2 WHEN before_scheduled_days >= 1 THEN 1 ELSE 0 END + 3 * CASE kind WHEN 'learning' THEN 0 WHEN 'relearning' THEN 1 WHEN 'review' THEN 2 WHEN 'cram' THEN 3 ELSE 4 END) + 75 * coalesce(reviewed_at - before_last_review < 90000000, 0))`;
/** The card's previous answer (null for its first), as the index holds it. */
export const PREVIOUS = 'before_last_review';
export const INDEX = 'review_log_stats';

export type KindClass = 'learning' | 'relearning' | 'review' | 'cram' | 'manual';
const KINDS: readonly KindClass[] = ['learning', 'relearning', 'review', 'cram', 'manual'];

export interface Code {
  code: number;
  /** 0 manual, 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: number;
  kind: KindClass;
  /** 0: the card's interval was under a day; 1: 1–20 days (young); 2: 21 days or more (mature). */
  interval: 0 | 1 | 2;
  /** The card's previous answer was under 25 hours before: it may have been the same study day. */
  recent: boolean;
}

export function decode(code: number): Code {
  const base = code % 75;
  const rest = Math.floor(base / 5);
  return {
    code,
    rating: base % 5,
    interval: (rest % 3) as 0 | 1 | 2,
    kind: KINDS[Math.floor(rest / 3)] ?? 'manual',
    recent: code >= 75,
  };
}

/** Anki's answer-buttons and reviews groups: learning (with relearning and cram), young, mature; manual: none. */
export function cardKind(c: Code): 'learning' | 'young' | 'mature' | null {
  if (c.kind === 'manual' || c.rating === 0) return null;
  if (c.kind !== 'review') return 'learning';
  return c.interval === 2 ? 'mature' : 'young';
}

/**
 * Does the answer count toward true retention, and as young or mature? Anki (rslib
 * stats/graphs/retention.rs) counts answers that affect scheduling (not manual, not a cram
 * preview) of cards with an interval: review answers, and learning or relearning answers of
 * a card whose interval was a day or more. Mature: interval ≥ 21 days.
 */
export function retentionKind(c: Code): 'young' | 'mature' | null {
  if (c.rating === 0 || c.kind === 'manual' || c.kind === 'cram') return null;
  if (c.kind !== 'review' && c.interval === 0) return null;
  return c.interval === 2 ? 'mature' : 'young';
}
