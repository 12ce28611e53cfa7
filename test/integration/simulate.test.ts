/** The retention simulator on a real collection: seeded, monotone in workload, with its suggestion. */
import { describe, expect, it } from 'vitest';
import { RETENTIONS } from '../../core/optimize/simulate.ts';
import { examCollection } from '../helpers/exam-collection.ts';

describe('retention simulation', async () => {
  it('higher retention never gives fewer reviews on the same seed', async () => {
    const m = examCollection({ cards: 1500, newShare: 0.3, seed: 11 });
    m.api.presets.update({ presetId: 1, newPerDay: 10, reviewsPerDay: 400 });
    for (const seed of [1, 2]) {
      const sim = await m.api.optimize.simulate({ presetId: 1, seed });
      expect(sim.outcomes.map((o) => o.retention)).toEqual(RETENTIONS);
      for (let i = 1; i < sim.outcomes.length; i++) {
        const [lower, higher] = [sim.outcomes[i - 1]!, sim.outcomes[i]!];
        expect(higher.reviews, `${higher.retention} vs ${lower.retention}`).toBeGreaterThanOrEqual(
          lower.reviews,
        );
        expect(higher.remembered).toBeGreaterThanOrEqual(lower.remembered);
      }
      // The workload really moves: 0.97 costs far more than 0.70.
      expect(sim.outcomes.at(-1)!.reviews).toBeGreaterThan(2 * sim.outcomes[0]!.reviews);
    }
    m.close();
  });

  it('is seeded, marks the current retention and suggests the fewest minutes per card remembered', async () => {
    const m = examCollection({ cards: 800, newShare: 0.5, seed: 5 });
    m.api.presets.update({ presetId: 1, desiredRetention: 0.85, newPerDay: 20 });
    const a = await m.api.optimize.simulate({ presetId: 1, days: 365, seed: 9 });
    expect(await m.api.optimize.simulate({ presetId: 1, days: 365, seed: 9 })).toEqual(a);
    expect(await m.api.optimize.simulate({ presetId: 1, days: 365, seed: 10 })).not.toEqual(a);
    expect(a.cards).toBe(800);
    expect(a.currentRetention).toBe(0.85);
    const best = Math.min(...a.outcomes.map((o) => o.minutesPerRemembered));
    expect(a.outcomes.find((o) => o.retention === a.suggested)!.minutesPerRemembered).toBe(best);
    expect(a.daily.map((d) => d.retention)).toContain(0.85);
    for (const d of a.daily) {
      expect(d.answers).toHaveLength(365);
      const outcome = a.outcomes.find((o) => o.retention === d.retention)!;
      expect(d.answers.reduce((s, x) => s + x, 0)).toBeCloseTo(outcome.answers, -1);
    }
    // 400 new cards at 20 a day are all introduced within the year: each needs its first answers.
    expect(a.outcomes[0]!.answers).toBeGreaterThan(400);
    m.close();
  });

  it('simulates a seeded sample of a large preset and scales it up, limits included', async () => {
    const m = examCollection({ cards: 6000, newShare: 0.2, seed: 3 });
    m.api.presets.update({ presetId: 1, newPerDay: 0, reviewsPerDay: 50 });
    const sim = await m.api.optimize.simulate({ presetId: 1, days: 60 });
    expect(sim.cards).toBe(6000);
    expect(sim.simulatedCards).toBe(5000);
    // The review limit binds: 60 days of at most 50 reviews (steps after a lapse are not reviews).
    for (const o of sim.outcomes) expect(o.reviews).toBeLessThanOrEqual(50 * 60 + 1e-6);
    expect(sim.outcomes.at(-1)!.reviews).toBeGreaterThan(0.95 * 50 * 60);
    m.close();
  });
});
