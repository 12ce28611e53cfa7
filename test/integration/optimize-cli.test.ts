/** `mnemo optimize` as the user runs it: the real bin, a real data directory. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { MIN_ITEMS } from '../../core/optimize/optimize.ts';
import { TestClock, tempDir } from '../helpers/collection.ts';
import { simulateLearner } from '../helpers/learner.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

function mnemo(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'optimize', ...args, '--data', dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function student(cards: number, days: number): string {
  const dir = tempDir();
  const clock = new TestClock(Date.parse('2026-06-01T09:00:00+08:00'));
  const m = Object.assign(openMnemo({ dataDir: dir, clock: clock.read }), { clock });
  m.api.presets.update({ presetId: 1, leechThreshold: 99, newPerDay: 9999, reviewsPerDay: 9999 });
  const deckId = m.api.decks.create({ name: 'Student' }).id;
  const cardIds = m.col.tx(() =>
    Array.from(
      { length: cards },
      (_, i) => m.api.notes.add({ deckId, kind: 'basic', fields: { front: `q${i}`, back: `a${i}` } }).cardIds,
    ).flat(),
  );
  simulateLearner(m, { deckId, cardIds, days, newPerDay: 15, seed: 7 });
  m.close();
  return dir;
}

const weights = (dir: string) => {
  const m = openMnemo({ dataDir: dir });
  const w = m.api.presets.get({ presetId: 1 }).fsrsWeights;
  m.close();
  return w;
};

describe('mnemo optimize', () => {
  it('refuses a short history in one line, and a preset that does not exist as a usage error', () => {
    const dir = student(30, 10);
    const short = mnemo(dir);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(
      new RegExp(`^mnemo: Optimize needs at least ${MIN_ITEMS} reviews .*; this preset has \\d+\\n$`),
    );
    const unknown = mnemo(dir, '--preset', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('mnemo: --preset: no preset named "Nope" (Default)\n');
    expect(mnemo(dir, '--apply', '--revert').code).toBe(2);
    expect(weights(dir)).toBeNull();
  });

  it('prints the held-out scores, applies better parameters with --apply, and --revert goes back', () => {
    const dir = student(600, 90);
    const shown = mnemo(dir);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^History: \d+ reviews of 600 cards/);
    expect(shown.out).toMatch(/\n {2}in use {9}0\.\d{4} {5}0\.\d{4}\n {2}fitted {9}0\.\d{4} {5}0\.\d{4}\n/);
    expect(shown.out).toContain('run again with --apply');
    expect(weights(dir)).toBeNull();

    const applied = mnemo(dir, '--apply', '--json');
    expect(applied.code).toBe(0);
    const result = JSON.parse(applied.out) as { applied: boolean; better: boolean; parameters: number[] };
    expect(result).toMatchObject({ applied: true, better: true });
    expect(weights(dir)).toEqual(result.parameters);

    const reverted = mnemo(dir, '--revert');
    expect(reverted.out).toBe('Reverted "Default" to ts-fsrs\'s default parameters\n');
    expect(weights(dir)).toBeNull();
    expect(mnemo(dir, '--revert').err).toBe('mnemo: there are no previous parameters to go back to\n');
  });
});
