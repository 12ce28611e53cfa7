/**
 * A replay with the day start as a function of time (sync: the hour in force at each answer)
 * gives, answer by answer, what the answer path gave with the hour set then, and with one hour
 * throughout what the replay with that hour gives. Real ts-fsrs, in Asia/Shanghai (the tests' zone).
 */
import { createEmptyCard, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardRow, FsrsColumns } from '../../core/model/types.ts';
import { fromFsrsCard, nextState, replayLog } from '../../core/scheduler/fsrs.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';
import { seededRandom } from '../../core/util/random.ts';
import { presetRow } from '../helpers/preset-row.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-02T09:00:00Z');

/** The answer path: each answer stepped from the previous row with the hour it was made under. */
function stepped(log: { rating: number; reviewed_at: number }[], hourAt: (at: number) => number) {
  const preset = presetRow();
  let row = { ...fromFsrsCard(createEmptyCard(new Date(START))), id: 7 } as CardRow;
  const steps: FsrsColumns[] = [];
  for (const e of log) {
    const after = nextState(preset, row, e.reviewed_at, e.rating as Grade, hourAt(e.reviewed_at));
    steps.push(after);
    row = { ...row, ...after };
  }
  return steps;
}

function randomLog(seed: number) {
  const rnd = seededRandom(seed);
  const log: { rating: number; reviewed_at: number }[] = [];
  let at = START;
  for (let i = 0; i < 25; i++) {
    at += Math.floor(rnd() ** 2 * 6 * 24 * HOUR) + 60_000;
    log.push({ rating: 1 + Math.floor(rnd() * 4), reviewed_at: at });
  }
  return log;
}

describe('replayLog under a day start that changes over time', () => {
  it('matches the answer path, answer by answer, whatever the hours and when they change', () => {
    let changedDue = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const log = randomLog(seed);
      const rnd = seededRandom(1000 + seed);
      const changes = [0, 1, 2].map(() => ({
        at: log[Math.floor(rnd() * log.length)]!.reviewed_at + 1,
        hour: Math.floor(rnd() * 24),
      }));
      changes.sort((a, b) => a.at - b.at);
      const hourAt = (at: number) => changes.filter((c) => c.at <= at).at(-1)?.hour ?? 4;
      const want = stepped(log, hourAt);
      const got: FsrsColumns[] = [];
      const final = replayLog(presetRow(), 7, START, log, hourAt, (_, __, after) => got.push(after));
      expect(got, `seed ${seed}`).toEqual(want);
      expect(final).toEqual(want.at(-1));
      // The hours matter: under 4:00 throughout some due date differs.
      const plain = replayLog(presetRow(), 7, START, log, 4);
      if (plain.due !== final.due) changedDue++;
    }
    expect(changedDue).toBeGreaterThan(10);
  });

  it('one hour throughout, as a function or a number, with or without a mapping made for another hour', () => {
    const log = randomLog(99);
    const byNumber = replayLog(presetRow(), 7, START, log, 20);
    expect(replayLog(presetRow(), 7, START, log, () => 20)).toEqual(byNumber);
    expect(replayLog(presetRow(), 7, START, log, () => 20, undefined, studyTime(4))).toEqual(byNumber);
    expect(replayLog(presetRow(), 7, START, log, 20, undefined, studyTime(20))).toEqual(byNumber);
    expect(new Date(byNumber.due).getHours()).toBe(20);
  });
});
