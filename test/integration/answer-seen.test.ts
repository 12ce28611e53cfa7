import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/errors.ts';
import { addBasicCards, checksum, tempMnemo } from '../helpers/collection.ts';

describe('an answer to a card as it was shown', () => {
  it('is refused, storing nothing, when the card was answered since (another window), and taken when current', () => {
    const m = tempMnemo();
    const deck = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deck.id, 1);
    const shown = m.api.review.next({})!;
    expect(shown.card.id).toBe(cardId);
    m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1000, seenReps: shown.card.fsrs.reps });
    const before = checksum(m.col.db);
    let error: unknown;
    try {
      m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1000, seenReps: shown.card.fsrs.reps });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MnemoError);
    expect((error as MnemoError).type).toBe('Conflict');
    expect((error as MnemoError).message).toBe(
      `card ${cardId} changed since it was shown (answered 1 times, not 0): fetch it again`,
    );
    expect(checksum(m.col.db)).toBe(before);
    m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1000, seenReps: 1 });
    expect(m.col.card(cardId!)!.reps).toBe(2);
  });
});
