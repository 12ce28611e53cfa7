/**
 * The warm-up after listening (core/app/warm-up.ts): the reads behind the first screen and
 * card, run once in a fresh process; they change nothing stored, stop when told, and never
 * fail the start.
 */
import { describe, expect, it } from 'vitest';
import { WARM_UP_CALLS, warmUp } from '../../core/app/warm-up.ts';
import { addBasicCards, checksum, tempMnemo } from '../helpers/collection.ts';

describe('warm-up', () => {
  it('makes every first-screen read and changes nothing stored', async () => {
    const m = tempMnemo();
    const deckId = m.api.decks.create({ name: 'Warm' }).id;
    addBasicCards(m, deckId, 12);
    const before = checksum(m.col.db);
    const next = m.api.review.next({});
    expect(await warmUp(m.api)).toEqual([...WARM_UP_CALLS]);
    expect(checksum(m.col.db)).toBe(before);
    // The page's own calls after it see the same queue as before it.
    expect(m.api.review.next({})).toEqual(next);
    expect(m.api.decks.list().decks.find((d) => d.id === deckId)).toMatchObject({
      counts: { new: 12, learning: 0, review: 0 },
    });
    m.close();
  });

  it('stops between reads when the app is stopping', async () => {
    const m = tempMnemo();
    let calls = 0;
    const made = await warmUp(m.api, () => ++calls > 2);
    expect(made).toEqual(WARM_UP_CALLS.slice(0, 2));
    m.close();
  });

  it('leaves a failing read to the page (a closed collection): resolves, nothing made', async () => {
    const m = tempMnemo();
    m.close();
    expect(await warmUp(m.api)).toEqual([]);
  });
});
