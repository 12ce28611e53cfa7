/** The Stats screen's part of the `stats` group: review-log and card figures for a scope. */
import { z } from 'zod';
import { cardStats } from '../stats/cards.ts';
import { reviewStats } from '../stats/reviews.ts';
import { resolveScope } from '../stats/scope.ts';
import type { Collection } from '../store/collection.ts';
import { id, method } from './define.ts';

/** The whole collection (neither), a deck with its subdecks, or an exam's scope. */
const scopeArgs = z
  .strictObject({ deckId: id.optional(), examId: id.optional() })
  .refine((a) => a.deckId === undefined || a.examId === undefined, {
    message: 'give a deck or an exam, not both',
  });

export function statsApi(col: Collection) {
  const scopeInfo = (s: ReturnType<typeof resolveScope>) => ({ kind: s.kind, id: s.id, name: s.name });
  return {
    /** Answers per day for a year, answer buttons and hours per period, true retention. */
    reviews: method(scopeArgs, (a) => reviewStats(col, resolveScope(col, a))),
    /** Card counts by state, memory distributions, expected recall now, the 30-day forecast. */
    cards: method(scopeArgs, (a) => cardStats(col, resolveScope(col, a))),
    /** Both, for the Stats screen and `mnemo stats --json`: one round trip. */
    screen: method(scopeArgs, (a) => {
      const scope = resolveScope(col, a);
      return { scope: scopeInfo(scope), reviews: reviewStats(col, scope), cards: cardStats(col, scope) };
    }),
  };
}
