/**
 * Optimize on a review log left by a simulated student with known FSRS parameters (fixed
 * seed), answered through the real answer path into a real SQLite file, fitted by the real
 * binding on a worker thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mnemo, MnemoError, openMnemo } from '../../core/index.ts';
import { MIN_ITEMS } from '../../core/optimize/optimize.ts';
import { checksum, TestClock, tempMnemo } from '../helpers/collection.ts';
import { simulateLearner } from '../helpers/learner.ts';

let dir: string;
let m: Mnemo & { clock: TestClock };
let answers: number;

function cardsIn(mnemo: Mnemo, deckId: number, n: number): number[] {
  return mnemo.col.tx(() =>
    Array.from(
      { length: n },
      (_, i) =>
        mnemo.api.notes.add({ deckId, kind: 'basic', fields: { front: `q${i}`, back: `a${i}` } }).cardIds,
    ).flat(),
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mnemo-optimize-'));
  const clock = new TestClock(Date.parse('2026-06-01T09:00:00+08:00'));
  m = Object.assign(openMnemo({ dataDir: dir, clock: clock.read }), { clock });
  m.api.presets.update({ presetId: 1, leechThreshold: 99, newPerDay: 9999, reviewsPerDay: 9999 });
  const deckId = m.api.decks.create({ name: 'Student' }).id;
  answers = simulateLearner(m, {
    deckId,
    cardIds: cardsIn(m, deckId, 600),
    days: 90,
    newPerDay: 15,
    seed: 7,
  }).answers;
});
afterAll(() => {
  m.close();
  rmSync(dir, { recursive: true, force: true });
});

const conflictOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(MnemoError);
  expect((e as MnemoError).type).toBe('Conflict');
  return (e as MnemoError).message;
};

describe('optimize', () => {
  it('fits parameters that predict the held-out newest reviews better than the defaults', async () => {
    expect(answers).toBeGreaterThanOrEqual(5000);
    const status = await m.api.optimize.status({ presetId: 1 });
    expect(status).toMatchObject({
      available: true,
      enough: true,
      reviews: answers,
      cards: 600,
      answers,
      answeredCards: 600,
      parameters: null,
    });
    const r = await m.api.optimize.run({ presetId: 1, jobId: 'fit' });
    expect(r.items).toBe(status.items);
    expect(r.heldOutItems).toBe(Math.round(r.items * 0.2));
    expect(r.trainItems + r.heldOutItems).toBe(r.items);
    expect(r.fitted.logLoss).toBeLessThan(r.current.logLoss);
    expect(r.fitted.rmseBins).toBeLessThan(r.current.rmseBins);
    expect(r.better).toBe(true);
    expect(r.parameters).toHaveLength(21);
    expect(r.currentParameters).toBeNull();
    expect(m.api.optimize.progress({ jobId: 'fit' })).toMatchObject({
      finished: true,
      done: true,
      error: null,
    });
    // Nothing is stored by a run.
    expect(m.api.presets.get({ presetId: 1 }).fsrsWeights).toBeNull();
  });

  it('applies the fitted parameters, keeps the previous ones, and reverts once', async () => {
    const r = await m.api.optimize.run({ presetId: 1, jobId: 'apply' });
    expect(m.api.optimize.apply({ jobId: 'apply' }).parameters).toEqual(r.parameters);
    expect(m.api.presets.get({ presetId: 1 }).fsrsWeights).toEqual(r.parameters);
    expect((await m.api.optimize.status({ presetId: 1 })).previous).toEqual({ kept: true, parameters: null });
    // Applying the same result again is refused: the parameters in use are no longer those it was scored against.
    expect(await conflictOf(Promise.resolve().then(() => m.api.optimize.apply({ jobId: 'apply' })))).toMatch(
      /changed since Optimize ran/,
    );
    expect(m.api.optimize.revert({ presetId: 1 })).toEqual({ parameters: null });
    expect(m.api.presets.get({ presetId: 1 }).fsrsWeights).toBeNull();
    expect((await m.api.optimize.status({ presetId: 1 })).previous).toEqual({
      kept: false,
      parameters: null,
    });
    expect(await conflictOf(Promise.resolve().then(() => m.api.optimize.revert({ presetId: 1 })))).toMatch(
      /no previous parameters/,
    );
  });

  it('compares against the parameters in use, and refuses to apply what does not beat them', async () => {
    const fitted = (await m.api.optimize.run({ presetId: 1, jobId: 'a' })).parameters;
    m.api.presets.update({ presetId: 1, fsrsWeights: fitted });
    const again = await m.api.optimize.run({ presetId: 1, jobId: 'b' });
    expect(again.currentParameters).toEqual(fitted);
    // Parameters fitted on everything (the held-out part included) beat a fit that never saw it.
    expect(again.current.logLoss).toBeLessThanOrEqual(again.fitted.logLoss);
    expect(again.better).toBe(false);
    expect(await conflictOf(Promise.resolve().then(() => m.api.optimize.apply({ jobId: 'b' })))).toMatch(
      /did not predict your newest reviews better/,
    );
    // A pasted change keeps what was there before, as Apply does.
    expect((await m.api.optimize.status({ presetId: 1 })).previous).toEqual({ kept: true, parameters: null });
    m.api.optimize.revert({ presetId: 1 });
  });

  it('runs once per preset at a time; cancels a run: it fails saying so and changes nothing', async () => {
    const before = checksum(m.col.db);
    const run = m.api.optimize.run({ presetId: 1, jobId: 'stop' });
    expect(await conflictOf(m.api.optimize.run({ presetId: 1, jobId: 'twice' }))).toBe(
      'Optimize is already running for this preset',
    );
    expect(m.api.optimize.cancel({ jobId: 'stop' })).toEqual({ cancelled: true });
    expect(await conflictOf(run)).toMatch(/cancelled/);
    expect(m.api.optimize.progress({ jobId: 'stop' })).toMatchObject({
      finished: true,
      cancelled: true,
      done: false,
    });
    expect(checksum(m.col.db)).toBe(before);
  });
});

describe('optimize below the minimum', () => {
  it(`refuses with fewer than ${MIN_ITEMS} items, saying how many there are, and changes nothing`, async () => {
    const small = tempMnemo(Date.parse('2026-06-01T09:00:00+08:00'));
    const deckId = small.api.decks.create({ name: 'Few' }).id;
    simulateLearner(small, { deckId, cardIds: cardsIn(small, deckId, 60), days: 30, newPerDay: 10, seed: 3 });
    const status = await small.api.optimize.status({ presetId: 1 });
    expect(status.enough).toBe(false);
    expect(status.items).toBeGreaterThan(0);
    expect(status.items).toBeLessThan(MIN_ITEMS);
    const before = checksum(small.col.db);
    const message = await conflictOf(small.api.optimize.run({ presetId: 1 }));
    expect(message).toContain(`at least ${MIN_ITEMS}`);
    expect(message).toContain(`has ${status.items}`);
    expect(checksum(small.col.db)).toBe(before);
    small.close();
  });
});
