import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The first compile's tests, for `npm run mutate -- core/compiler/source-rows.ts
 * core/compiler/first-compile.ts --tests=first`. Only what runs on the test's own thread can
 * be measured: a mutant is switched on in that thread, never in the parse thread (its code
 * is bundled from the sources apart), so a file the parse thread reads runs unmutated.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: ['test/integration/compile-first*.test.ts'],
  },
});
