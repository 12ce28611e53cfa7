import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';

const child = fileURLToPath(new URL('../fixtures/answer-then-die.ts', import.meta.url));

describe('durability', () => {
  it('every answer acknowledged before a SIGKILL is in the collection after reopening', () => {
    const dataDir = tempDir();
    const setup = openMnemo({ dataDir });
    const { id: deckId } = setup.api.decks.create({ name: 'D' });
    addBasicCards(setup, deckId, 30);
    setup.close();

    const N = 25;
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dataDir, String(N)], {
      encoding: 'utf8',
    });
    expect(run.signal).toBe('SIGKILL');
    const acknowledged = run.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { reviewId: string; cardId: number; fsrs: { due: number; stability: number } },
      );
    expect(acknowledged).toHaveLength(N);

    const reopened = openMnemo({ dataDir });
    const ids = reopened.col.db.prepare('SELECT id FROM review_log ORDER BY seq').pluck().all();
    expect(ids).toEqual(acknowledged.map((a) => a.reviewId));
    // A card may come back within the session (learning steps): its last answer is its state.
    const last = new Map(acknowledged.map((a) => [a.cardId, a]));
    for (const a of last.values()) {
      const { card } = reopened.api.cards.get({ cardId: a.cardId });
      expect(card.fsrs.due).toBe(a.fsrs.due);
      expect(card.fsrs.stability).toBe(a.fsrs.stability);
    }
    reopened.close();
  });
});
