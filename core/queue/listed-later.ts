/** Finding a card today's queue counts but does not list (it lists the first `LEARNING_LISTED`). */
import { allDecks, subtreeIds } from '../decks/decks.ts';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';
import { buildQueue, LEARNING_LISTED, type Queue, type QueueEntry } from './queue.ts';

/**
 * A card the queue counts but did not list: its entry, so that `review.next` can put it first
 * after an undo as before. A learning card past the first `LEARNING_LISTED`; or a review or new
 * card, unlisted when the list was cut to the learning cards due now: the uncut queue says
 * whether it is in today's queue (only an undo asks for a card, so this full read is rare).
 */
export function listedLater(
  col: Collection,
  queue: Queue,
  cardId: number | undefined,
  deckId: number | undefined,
): QueueEntry | undefined {
  if (cardId === undefined) return undefined;
  const card = col.card(cardId);
  if (!card || card.suspended || card.retired) return undefined;
  if (card.state === 0 || card.state === 2)
    return buildQueue(col, deckId, Number.MAX_SAFE_INTEGER).entries.find((e) => e.cardId === cardId);
  if (queue.counts.learning <= LEARNING_LISTED) return undefined;
  const now = col.now();
  const { dayStartHour, learnAheadMinutes } = col.settings();
  if (card.buried_until > now || card.due >= studyDay(now, dayStartHour).end) return undefined;
  if (card.due > now + learnAheadMinutes * 60_000) return undefined;
  if (deckId !== undefined && !subtreeIds(allDecks(col), deckId).includes(card.deck_id)) return undefined;
  return { cardId, deckId: card.deck_id, kind: 'learning', due: card.due };
}
