import { describe, expect, it } from 'vitest';
import { normalizeFront, similarity } from '../../core/compiler/similarity.ts';

describe('the front a card is known by', () => {
  it('ignores case, emphasis and runs of spaces; folds full-width forms', () => {
    expect(normalizeFront('  Docker  **网络**\t 模式？ ')).toBe('docker 网络 模式?');
    expect(normalizeFront('a  b')).toBe(normalizeFront('a b'));
  });

  it('one-character fronts are alike only when they are the same character', () => {
    expect(similarity('是', '否')).toBe(0);
    expect(similarity('是', '是')).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('bridge', 'bridges')).toBeCloseTo(10 / 11);
  });
});
