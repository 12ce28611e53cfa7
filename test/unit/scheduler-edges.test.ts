/** Edges of the scheduler layer that mutation testing showed no test pinned. */

import { describe, expect, it } from 'vitest';
import {
  identityHash,
  nextState,
  previewStates,
  retrievability,
  schedulerFor,
} from '../../core/scheduler/fsrs.ts';
import { intervalText } from '../../core/scheduler/interval-text.ts';
import { stepsForScheduler } from '../../core/scheduler/steps.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';
import { reviewCardRow } from '../helpers/card-row.ts';
import { presetRow } from '../helpers/preset-row.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const preset = presetRow;

describe('interval text at its unit boundaries', () => {
  it('says 1h at exactly an hour and 1y at exactly 365 days', () => {
    expect(intervalText(HOUR - MINUTE)).toBe('59m');
    expect(intervalText(HOUR)).toBe('1h');
    expect(intervalText(364 * DAY)).toBe('12.1mo');
    expect(intervalText(365 * DAY)).toBe('1y');
  });
});

describe('steps as ts-fsrs gets them', () => {
  it('converts hours and days to minutes', () => {
    expect(stepsForScheduler('1m 2h 3d')).toEqual(['1m', '120m', '4320m']);
  });
  it('names a step no version ever accepted', () => {
    expect(() => stepsForScheduler('10m soon')).toThrow(
      'invalid step "soon" in a preset: fix it in Settings',
    );
  });
});

describe('schedulers per preset', () => {
  it('are cached per parameter set, and never shared between different ones', () => {
    expect(schedulerFor(preset())).toBe(schedulerFor(preset({ id: 2, name: 'other' })));
    // "0.9" + "365" and "0.93" + "65" run together the same way: the key must keep them apart.
    const a = schedulerFor(preset({ desired_retention: 0.9, maximum_interval: 365 }));
    const b = schedulerFor(preset({ desired_retention: 0.93, maximum_interval: 65 }));
    expect(a).not.toBe(b);
    expect(a.parameters.maximum_interval).toBe(365);
    expect(b.parameters.maximum_interval).toBe(65);
  });
});

describe('the maximum interval', () => {
  it('caps the due date, not only the days: due at the start of the study day that many days ahead', () => {
    const now = Date.parse('2026-11-20T10:00:00+08:00');
    const card = reviewCardRow({
      due: now - 30 * DAY,
      stability: 200,
      difficulty: 3,
      scheduled_days: 100,
      reps: 9,
      last_review: now - 100 * DAY,
    });
    const p = preset({ maximum_interval: 3 });
    const time = studyTime(4);
    for (const rating of [2, 3, 4] as const) {
      const next = nextState(p, card, now, rating, 4);
      expect(next.scheduled_days).toBe(3);
      expect(next.due).toBe(time.startOf(time.day(now) + 3));
    }
  });
});

describe('a card last reviewed after now (another device ahead, or this clock set back)', () => {
  it('is scheduled, previewed and read as if answered at that review', () => {
    const now = Date.parse('2026-11-20T10:00:00+08:00');
    const ahead = now + 2 * DAY + 3 * HOUR;
    const card = reviewCardRow({
      due: ahead + 5 * DAY,
      stability: 6,
      elapsed_days: 2,
      scheduled_days: 5,
      reps: 4,
      last_review: ahead,
    });
    for (const rating of [1, 2, 3, 4] as const) {
      const next = nextState(preset(), card, now, rating, 4);
      expect(next).toEqual(nextState(preset(), card, ahead, rating, 4));
      expect(next.last_review).toBe(ahead);
    }
    expect(previewStates(preset(), card, now, 4)).toEqual(previewStates(preset(), card, ahead, 4));
    expect(retrievability(preset(), card, now, 4)).toBe(1);
    // A day after that review, the card is a day older, not three.
    const later = ahead + DAY;
    expect(nextState(preset(), card, later, 3, 4).elapsed_days).toBe(1);
  });
});

describe('the fuzz seed of a synced card', () => {
  it('hashes the identity with 32-bit FNV-1a (a fixed function: every device must seed alike)', () => {
    // The published FNV-1a test vectors.
    expect(identityHash('')).toBe((0x811c9dc5).toString(36));
    expect(identityHash('a')).toBe((0xe40c292c).toString(36));
    expect(identityHash('foobar')).toBe((0xbf9cf968).toString(36));
  });

  it('makes the identity, not the row id, decide the fuzzed interval', () => {
    const now = Date.parse('2026-11-20T10:00:00+08:00');
    const fuzzed = { ...preset(), enable_fuzz: 1 };
    const row = (id: number, seed: string) => ({
      ...reviewCardRow({ due: now, stability: 40, scheduled_days: 30, last_review: now - 30 * DAY }),
      id,
      seed,
    });
    const identities = Array.from(
      { length: 12 },
      (_, i) => `g:2b1f0c6e-8d4a-4f7e-9c3b-${String(i).padStart(12, '0')}/0`,
    );
    const dues = identities.map((seed) => nextState(fuzzed, row(7, seed), now, 3, 4).due);
    // Two devices, two row ids, one identity: one due date.
    for (const [i, seed] of identities.entries())
      expect(nextState(fuzzed, row(9_000 + i, seed), now, 3, 4).due).toBe(dues[i]);
    // Different identities spread over the fuzz range (a constant seed would give one date).
    expect(new Set(dues).size).toBeGreaterThan(3);
  });
});
