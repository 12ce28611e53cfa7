/**
 * Myers' diff (core/compiler/line-diff.ts) matches as many lines as a longest common
 * subsequence, each new line to an equal old one, in order; and gives up past its limit.
 */
import { describe, expect, it } from 'vitest';
import { matchLines } from '../../core/compiler/line-diff.ts';
import { seededRandom } from '../helpers/collection.ts';

function lcs(a: number[], b: number[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

describe('matchLines', () => {
  it('matches a longest common subsequence, in order, on 2,000 random pairs', () => {
    const rand = seededRandom(5);
    for (let t = 0; t < 2000; t++) {
      const a = Array.from({ length: Math.floor(rand() * 25) }, () => Math.floor(rand() * 5));
      const b = Array.from({ length: Math.floor(rand() * 25) }, () => Math.floor(rand() * 5));
      const match = matchLines(a.length, b.length, (i, j) => a[i] === b[j], 1000)!;
      let last = -1;
      let matched = 0;
      for (let j = 0; j < b.length; j++) {
        const i = match[j]!;
        if (i < 0) continue;
        expect(i).toBeGreaterThan(last);
        expect(a[i]).toBe(b[j]);
        last = i;
        matched++;
      }
      expect(matched).toBe(lcs(a, b));
    }
  });

  it('gives up when more lines differ than allowed', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [1, 9, 3, 9, 5, 9];
    expect(matchLines(6, 6, (i, j) => a[i] === b[j], 5)).toBeNull();
    expect([...matchLines(6, 6, (i, j) => a[i] === b[j], 6)!]).toEqual([0, -1, 2, -1, 4, -1]);
  });
});
