import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';
import { logRows } from '../helpers/review-rows.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const HOUR = 3_600_000;

describe('mnemo stats', () => {
  it('gains the Stats screen figures in --json (keeping decks and today) and a summary, per deck', () => {
    const dataDir = tempDir();
    const m = openMnemo({ dataDir });
    const a = m.api.decks.create({ name: 'A' }).id;
    const b = m.api.decks.create({ name: 'B' }).id;
    const [x, y] = addBasicCards(m, a, 2, 'a');
    const [z] = addBasicCards(m, b, 1, 'b');
    const now = Date.now();
    // Three answers an hour ago (today's study day unless the day began within the hour; the counts below allow for it).
    logRows(m, [
      { card: x!, at: now - HOUR, rating: 3, kind: 'review', interval: 30, previous: now - 30 * 24 * HOUR },
      { card: y!, at: now - HOUR, rating: 1, kind: 'review', interval: 5, previous: now - 5 * 24 * HOUR },
      { card: z!, at: now - HOUR, rating: 3, kind: 'review', interval: 5, previous: now - 5 * 24 * HOUR },
    ]);
    m.close();

    const json = mnemo(['stats', '--json', '--data', dataDir]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['dataDir', 'decks', 'today', 'stats']);
    expect(out.stats.scope).toEqual({ kind: 'collection', id: null, name: null });
    const week = out.stats.reviews.retention.table.find((r: { period: string }) => r.period === 'week');
    expect(week).toMatchObject({ youngPassed: 1, youngFailed: 1, maturePassed: 1 });
    expect(out.stats.reviews.periods[0].buttons).toEqual({
      learning: [0, 0, 0, 0],
      young: [1, 0, 1, 0],
      mature: [0, 0, 1, 0],
    });
    expect(out.stats.cards.counts.total).toBe(3);

    const deckA = JSON.parse(mnemo(['stats', '--json', '--deck', 'A', '--data', dataDir]).stdout);
    expect(deckA.stats.scope).toMatchObject({ kind: 'deck', name: 'A' });
    expect(deckA.stats.reviews.periods[0].reviews).toBe(2);

    const text = mnemo(['stats', '--deck', 'B', '--data', dataDir]);
    expect(text.stdout).toMatch(/Statistics: deck B/);
    expect(text.stdout).toMatch(/Last 30 days: 1 answer,/);
    expect(text.stdout).toMatch(/True retention, last 30 days: 100\.0% .*desired 90\.0% \(Default\)/);

    const missing = mnemo(['stats', '--deck', 'Nope', '--data', dataDir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no deck "Nope"/);
  });
});
