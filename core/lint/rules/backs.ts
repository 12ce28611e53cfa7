/**
 * Backs that ask for too much. A back listing more than a handful of things is recalled as a
 * whole or not at all, so one forgotten item fails the card and the rest are never practised
 * apart; a very long back cannot be checked at a glance. Both are better split into cards (or
 * a cloze per item).
 */
import type { ParsedCard } from '../../compiler/parse.ts';
import { itemCount, readLength } from '../text.ts';
import type { CardRule } from '../types.ts';

/** A handful: up to four things at once are recalled together; five or more is a list to split. */
export const MAX_ITEMS = 4;
/** Characters (code and all) a back may take: about three lines of a card. */
export const MAX_BACK = 200;

/** What the learner must produce: the back, or each cloze's hidden text. */
function answers(card: ParsedCard): string[] {
  if (card.kind !== 'cloze') return [card.fields.back ?? ''];
  return [...(card.fields.text ?? '').matchAll(/\{\{c\d+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g)].map((m) => m[1]!);
}

export const listBack: CardRule = (card) => {
  const most = Math.max(...answers(card).map(itemCount));
  return most > MAX_ITEMS
    ? [
        {
          rule: 'list-back',
          message: `the answer lists ${most} things: split it into cards (or a cloze per item), at most ${MAX_ITEMS} at once`,
        },
      ]
    : [];
};

export const longBack: CardRule = (card) => {
  if (card.kind === 'cloze') return [];
  const length = readLength(card.fields.back ?? '');
  return length > MAX_BACK
    ? [
        {
          rule: 'long-back',
          message: `the back is ${length} characters (limit ${MAX_BACK}): keep what the front asks for, move the rest to another card`,
        },
      ]
    : [];
};
