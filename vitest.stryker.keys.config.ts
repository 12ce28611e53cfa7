import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The tests of a front taken by a later card, for `npm run mutate --
 * core/compiler/match-keys.ts --tests=keys`: the compile set (vitest.stryker.compile.config.ts)
 * runs eighteen files first, most of them covering `matchOwnKeys` only on its fast path. A
 * score measured with these is a lower bound of the compile set's.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/integration/compile-taken-front*.test.ts'],
  },
});
