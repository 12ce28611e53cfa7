/** Finding a learning card today's queue counts but does not list (it lists the first `LEARNING_LISTED`). */
import { allDecks, subtreeIds } from '../decks/decks.ts';
import { studyDay } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';
import { LEARNING_LISTED, type Queue, type QueueEntry } from './queue.ts';

/**
 * A learning card the queue counts but did not list (it lists the first `LEARNING_LISTED`):
 * its entry, so that `review.next` can put it first after an undo as before.
 */
export function listedLater(
  col: Collection,
  queue: Queue,
  cardId: number | undefined,
  deckId: number | undefined,
): QueueEntry | undefined {
  if (cardId === undefined || queue.counts.learning <= LEARNING_LISTED) return undefined;
  const card = col.card(cardId);
  if (!card || (card.state !== 1 && card.state !== 3) || card.suspended || card.retired) return undefined;
  const now = col.now();
  const { dayStartHour, learnAheadMinutes } = col.settings();
  if (card.buried_until > now || card.due >= studyDay(now, dayStartHour).end) return undefined;
  if (card.due > now + learnAheadMinutes * 60_000) return undefined;
  if (deckId !== undefined && !subtreeIds(allDecks(col), deckId).includes(card.deck_id)) return undefined;
  return { cardId, deckId: card.deck_id, kind: 'learning', due: card.due };
}
