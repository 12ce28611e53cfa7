/**
 * "Study all"'s first card asked for as the page starts (renderer/src/client/first-card.ts),
 * through the renderer's real IPC client and the Electron main process's forwarding into a
 * real collection. Another window's change (made straight through the API) shows which answer
 * a call got: the one asked for at the start, or a new one.
 */
import { describe, expect, it } from 'vitest';
import { forwardCall } from '../../electron/ipc.ts';
import { FIRST_CARD_MAX_AGE_MS, withFirstCard } from '../../renderer/src/client/first-card.ts';
import { type IpcBridge, ipcClient, type MnemoClient } from '../../renderer/src/client/index.ts';
import { tempMnemo } from '../helpers/collection.ts';

type Next = { card: { id: number } } | null;

function setUp(fronts: string[]) {
  const m = tempMnemo();
  const deckId = m.api.decks.create({ name: 'D' }).id;
  for (const front of fronts) m.api.notes.add({ deckId, kind: 'basic', fields: { front, back: 'b' } });
  // Electron's preload hands the main process's reply over as it is.
  const bridge: IpcBridge = {
    call: async (method, args) =>
      forwardCall(m.api, true, 'app://mnemo/index.html', method, args) as Awaited<
        ReturnType<IpcBridge['call']>
      >,
  };
  let now = 1_000_000;
  const clock = {
    read: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  return { m, deckId, clock, client: (): MnemoClient => withFirstCard(ipcClient(bridge), clock.read) };
}

const idOf = async (p: Promise<unknown>) => ((await p) as Next)?.card.id ?? null;

describe('the first card, asked for as the page starts', () => {
  it('is handed out once, to the first "Study all", even after another window changed the queue', async () => {
    const { m, client } = setUp(['one']);
    const c = client();
    const first = m.api.review.next({})!.card.id;
    // Another window suspends that card: this page's prefetched answer still names it...
    m.api.cards.suspend({ cardIds: [first] });
    // ...first-screen reads and a deck's own session leave it in place...
    await c.call('decks.list');
    await c.call('settings.get');
    expect(await idOf(c.call('review.next', { deckId: m.api.decks.list().decks[0]!.id }))).toBeNull();
    expect(await idOf(c.call('review.next', {}))).toBe(first);
    // ...and the next call asks the collection.
    expect(await idOf(c.call('review.next', {}))).toBeNull();
  });

  it('is not handed out once older than its limit: the call asks the collection', async () => {
    const { m, clock, client } = setUp(['one', 'two']);
    const c = client();
    const first = m.api.review.next({})!.card.id;
    m.api.cards.suspend({ cardIds: [first] });
    clock.advance(FIRST_CARD_MAX_AGE_MS + 1);
    const got = await idOf(c.call('review.next'));
    expect(got).not.toBeNull();
    expect(got).not.toBe(first);
  });

  it('is at its limit still handed out', async () => {
    const { m, clock, client } = setUp(['one', 'two']);
    const c = client();
    const first = m.api.review.next({})!.card.id;
    m.api.cards.suspend({ cardIds: [first] });
    clock.advance(FIRST_CARD_MAX_AGE_MS);
    expect(await idOf(c.call('review.next'))).toBe(first);
  });

  it('is dropped by any call that may change the queue (here an answer)', async () => {
    const { m, client } = setUp(['one', 'two']);
    const c = client();
    const first = m.api.review.next({})!.card.id;
    await c.call('review.answer', { cardId: first, rating: 3, durationMs: 1000 });
    const got = await idOf(c.call('review.next', {}));
    expect(got).not.toBeNull();
    expect(got).not.toBe(first);
    expect(m.api.cards.get({ cardId: first }).log).toHaveLength(1);
  });

  it('is not used when it failed: the call is made again and answers', async () => {
    const { m, client } = setUp(['one']);
    m.col.damage = 'a test says so';
    const c = client();
    await expect(c.call('decks.list')).rejects.toMatchObject({ type: 'Corrupt' });
    m.col.damage = null;
    expect(await idOf(c.call('review.next', {}))).toBe(m.api.review.next({})!.card.id);
  });
});
