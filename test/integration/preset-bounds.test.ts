import { describe, expect, it } from 'vitest';
import { callMethod, MnemoError, openMnemo } from '../../core/index.ts';
import { studyDayStart } from '../../core/scheduler/day.ts';
import { addBasicCards, checksum, TestClock, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

function errorOf(fn: () => unknown): MnemoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MnemoError);
    return e as MnemoError;
  }
  throw new Error('expected an error');
}

describe('preset bounds', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['a step past a year', { learningSteps: '1m 99999999999999999999d' }, /^learningSteps: .*longer.*365d/],
    ['a relearning step past a year', { relearningSteps: '366d' }, /^relearningSteps: .*longer/],
    ['a zero step', { learningSteps: '0m 10m' }, /^learningSteps: "0m" is shorter.*1m/],
    ['a fractional step (ts-fsrs would read 1.5h as 1h)', { learningSteps: '1.5h' }, /whole number/],
    ['too many steps', { relearningSteps: Array(21).fill('1m').join(' ') }, /^relearningSteps: 21 steps/],
    ['a maximum interval past 100 years', { maximumInterval: 36501 }, /^maximumInterval: must be at most/],
    ['retention out of range', { desiredRetention: 0.5 }, /^desiredRetention: must be at least 0.7/],
    ['a negative daily limit', { newPerDay: -1 }, /^newPerDay: must be at least 0/],
    ['a fractional limit', { reviewsPerDay: 2.5 }, /^reviewsPerDay: must be a whole number/],
  ];
  for (const [what, patch, message] of refused) {
    it(`refuses ${what} with a message naming the field; nothing changes`, () => {
      const m = tempMnemo();
      const before = checksum(m.col.db);
      const err = errorOf(() => callMethod(m.api, 'presets.update', { presetId: 1, ...patch }));
      expect(err.type).toBe('InvalidArgument');
      expect(err.message).toMatch(message);
      expect(checksum(m.col.db)).toBe(before);
      m.close();
    });
  }

  it('accepts the bounds themselves', () => {
    const m = tempMnemo();
    const p = m.api.presets.update({
      presetId: 1,
      learningSteps: '1m 365d',
      relearningSteps: Array(20).fill('8760h').join(' '),
      maximumInterval: 36500,
    });
    expect(p.learningSteps).toBe('1m 365d');
    m.close();
  });

  it('a collection that already stores a step past a year: Again schedules a year ahead, no crash', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 1);
    const { dataDir } = m;
    m.close();
    // As an older Mnemo would have stored it (it accepted any number): raw SQL on the file.
    const raw = openMnemo({ dataDir });
    raw.col.db
      .prepare(
        'UPDATE presets SET learning_steps = ?, relearning_steps = ?, maximum_interval = ? WHERE id = 1',
      )
      .run('99999999999999999999d', '99999999999999999999d 0.5m', 1e12);
    raw.close();

    const clock = new TestClock(Date.parse('2026-11-29T10:00:00+08:00'));
    const again = openMnemo({ dataDir, clock: clock.read });
    const shown = again.api.review.next({});
    expect(shown?.card.id).toBe(cardId);
    const start = clock.now;
    again.api.review.answer({ cardId: cardId!, rating: 1, durationMs: 100 });
    const due = () => again.api.cards.get({ cardId: cardId! }).card.fsrs.due;
    // A step of whole days is due at the start of the study day it lands on (04:00).
    expect(due()).toBe(studyDayStart(start + YEAR, 4));
    // Graduate it, then lapse it: the relearning step is clamped the same way.
    clock.now = due();
    again.api.review.answer({ cardId: cardId!, rating: 4, durationMs: 100 });
    clock.now = due();
    again.api.review.answer({ cardId: cardId!, rating: 1, durationMs: 100 });
    expect(due()).toBe(studyDayStart(clock.now + YEAR, 4));
    again.close();
  });
});
