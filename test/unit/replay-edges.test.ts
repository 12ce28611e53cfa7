/**
 * Edges of replayLog that mutation testing showed no test pinned: the states `onStep` hands an
 * import are the columns as Dates hold them (whole milliseconds, no negative zero, NaN past
 * Date's range), as `fromFsrsCard(toFsrsCard(row))` gives them; and a replay's first answer
 * is fuzzed by the card's stable identity, as the answer path fuzzes it. Real ts-fsrs.
 */
import { createEmptyCard } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardRow, FsrsColumns } from '../../core/model/types.ts';
import { fromFsrsCard, nextState, replayLog, toFsrsCard } from '../../core/scheduler/fsrs.ts';
import { presetRow } from '../helpers/preset-row.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-11-02T09:00:00Z');

/** Each step's before and after, as onStep sees them. */
function steps(log: { rating: number; reviewed_at: number }[], createdAt = START) {
  const seen: { before: FsrsColumns; after: FsrsColumns }[] = [];
  replayLog(presetRow(), 7, createdAt, log, 4, (_, before, after) => seen.push({ before, after }));
  return seen;
}

const asDates = (c: FsrsColumns) => fromFsrsCard(toFsrsCard({ ...c, id: 7 }));

describe("replayLog's steps, as Dates hold them", () => {
  it('drops a fraction of a millisecond from an answer time', () => {
    const seen = steps([
      { rating: 3, reviewed_at: START + 1000.7 },
      { rating: 3, reviewed_at: START + DAY + 0.25 },
    ]);
    expect(seen.map((s) => s.after.last_review)).toEqual([START + 1000, START + DAY]);
    for (const s of seen) {
      expect(s.after).toEqual(asDates(s.after));
      expect(s.before).toEqual(asDates(s.before));
    }
    expect(seen[1]!.before).toEqual(seen[0]!.after);
  });

  it('gives an answer at -0 (1970-01-01, as JSON may spell it) as 0', () => {
    const [only] = steps([{ rating: 3, reviewed_at: -0 }], -DAY);
    expect(Object.is(only!.after.last_review, 0)).toBe(true);
  });

  it('gives a time past the range of a Date as NaN, as a Date does', () => {
    const [only] = steps([{ rating: 3, reviewed_at: 9e15 }]);
    expect(only!.after.last_review).toBeNaN();
    expect(only!.after.due).toBeNaN();
  });
});

describe("a replay's first answer", () => {
  it('is fuzzed by the stable identity the answer path fuzzes it by', () => {
    const preset = presetRow({ enable_fuzz: 1 });
    const fresh = { ...fromFsrsCard(createEmptyCard(new Date(START))), id: 7 } as CardRow;
    const at = START + 3_600_000;
    let differ = 0;
    for (let n = 0; n < 12; n++) {
      const seed = `device-${n}:1`;
      // Easy on a new card: a review interval of days, which fuzz moves.
      const want = nextState(preset, { ...fresh, seed }, at, 4, 4);
      const got = replayLog(
        preset,
        7,
        START,
        [{ rating: 4, reviewed_at: at }],
        4,
        undefined,
        undefined,
        seed,
      );
      expect(got).toEqual(want);
      if (want.due !== nextState(preset, fresh, at, 4, 4).due) differ++;
    }
    expect(differ).toBeGreaterThan(3);
  });
});
