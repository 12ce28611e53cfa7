/** The Stats screen's part of the `stats` group: review-log and card figures for a scope. */
import { z } from 'zod';
import { cardStats } from '../stats/cards.ts';
import { reviewStats } from '../stats/reviews.ts';
import { resolveScope } from '../stats/scope.ts';
import type { Collection } from '../store/collection.ts';
import { id, method } from './define.ts';

/** The whole collection (neither), a deck with its subdecks, or an exam's scope. */
const scope = { deckId: id.optional(), examId: id.optional() };
const notBoth = (a: { deckId?: number; examId?: number }) => a.deckId === undefined || a.examId === undefined;
const bothMessage = { message: 'give a deck or an exam, not both' };
const scopeArgs = z.strictObject(scope).refine(notBoth, bothMessage);
/** With `hoursDays` (30, 90 or 365; default 365): the longest period whose hours of the day are read. */
const reviewArgs = z
  .strictObject({
    ...scope,
    hoursDays: z
      .union([z.literal(30), z.literal(90), z.literal(365)], { error: 'hoursDays must be 30, 90 or 365' })
      .default(365),
  })
  .refine(notBoth, bothMessage);

export function statsApi(col: Collection) {
  const scopeInfo = (s: ReturnType<typeof resolveScope>) => ({ kind: s.kind, id: s.id, name: s.name });
  return {
    /** Answers per day for a year, answer buttons and hours per period, true retention. */
    reviews: method(reviewArgs, (a) => reviewStats(col, resolveScope(col, a), a.hoursDays)),
    /** Card counts by state, memory distributions, expected recall now, the 30-day forecast. */
    cards: method(scopeArgs, (a) => cardStats(col, resolveScope(col, a))),
    /** Both, for the Stats screen and `mnemo stats --json`: one round trip. */
    screen: method(reviewArgs, (a) => {
      const s = resolveScope(col, a);
      return { scope: scopeInfo(s), reviews: reviewStats(col, s, a.hoursDays), cards: cardStats(col, s) };
    }),
  };
}
