import { describe, expect, it } from 'vitest';
import { callMethod, MnemoError } from '../../core/index.ts';
import { addBasicCards, checksum, tempMnemo } from '../helpers/collection.ts';

function errorOf(fn: () => unknown): MnemoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MnemoError);
    return e as MnemoError;
  }
  throw new Error('expected an error');
}

describe('bad input changes nothing', () => {
  const cases: [string, string, unknown, string, RegExp][] = [
    ['unknown card id', 'review.answer', { cardId: 999, rating: 3, durationMs: 10 }, 'NotFound', /card 999/],
    ['rating 5', 'review.answer', { cardId: 1, rating: 5, durationMs: 10 }, 'InvalidArgument', /^rating:/],
    ['rating 0', 'review.answer', { cardId: 1, rating: 0, durationMs: 10 }, 'InvalidArgument', /^rating:/],
    [
      'negative duration',
      'review.answer',
      { cardId: 1, rating: 3, durationMs: -5 },
      'InvalidArgument',
      /durationMs/,
    ],
    [
      'text duration',
      'review.answer',
      { cardId: 1, rating: 3, durationMs: 'long' },
      'InvalidArgument',
      /durationMs/,
    ],
    ['missing field', 'review.answer', { cardId: 1, rating: 3 }, 'InvalidArgument', /durationMs/],
    ['extra field', 'review.answer', { cardId: 1, rating: 3, durationMs: 1, x: 1 }, 'InvalidArgument', /"x"/],
    ['string as args', 'review.answer', 'cardId=1', 'InvalidArgument', /arguments/],
    ['unknown method', 'review.explode', {}, 'NotFound', /unknown method "review.explode"/],
    ['prototype method', 'review.constructor', {}, 'NotFound', /unknown method/],
    ['unknown group', 'nope.list', {}, 'NotFound', /unknown method/],
    ['unknown deck', 'review.next', { deckId: 4242 }, 'NotFound', /deck 4242/],
    ['bad setting', 'settings.update', { dayStartHour: 24 }, 'InvalidArgument', /dayStartHour/],
    ['bad steps', 'presets.update', { presetId: 1, learningSteps: '1x' }, 'InvalidArgument', /learningSteps/],
    [
      'bad retention',
      'presets.update',
      { presetId: 1, desiredRetention: 1.5 },
      'InvalidArgument',
      /desiredRetention/,
    ],
    ['unknown preset', 'presets.update', { presetId: 9, newPerDay: 1 }, 'NotFound', /preset 9/],
    ['duplicate preset', 'presets.create', { name: 'Default' }, 'Conflict', /already exists/],
    ['empty deck part', 'decks.create', { name: 'A::::B' }, 'InvalidArgument', /empty part/],
    ['suspend missing card', 'cards.suspend', { cardIds: [1, 999] }, 'NotFound', /card 999/],
    ['flag 8', 'cards.flag', { cardIds: [1], flag: 8 }, 'InvalidArgument', /flag/],
  ];

  for (const [what, name, args, type, message] of cases) {
    it(`${what}: a typed ${type} error, every row unchanged`, () => {
      const m = tempMnemo();
      const { id: deckId } = m.api.decks.create({ name: 'D' });
      const [cardId] = addBasicCards(m, deckId, 2);
      m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 100 });
      const before = checksum(m.col.db);
      const err = errorOf(() => callMethod(m.api, name, args));
      expect(err.type).toBe(type);
      expect(err.message).toMatch(message);
      expect(checksum(m.col.db)).toBe(before);
      m.close();
    });
  }

  it('an answer that fails inside its transaction leaves no partial write', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 1);
    const before = checksum(m.col.db);
    // Make the review-log insert fail after the card row was updated in the same transaction.
    m.col.db.exec(
      "CREATE TRIGGER fail_log BEFORE INSERT ON review_log BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
    );
    const withTrigger = checksum(m.col.db);
    expect(() => m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1 })).toThrow(/disk says no/);
    expect(checksum(m.col.db)).toBe(withTrigger);
    m.col.db.exec('DROP TRIGGER fail_log');
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });
});
