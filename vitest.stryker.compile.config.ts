import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compile tests, for `npm run mutate -- core/compiler/compile.ts:FROM-TO --tests=compile`:
 * every compile test covers `compileDecks`, so each of its surviving mutants re-ran the
 * compiler set's hundred-odd covering tests (about a minute a mutant on these shared cores).
 * A score measured with these is a lower bound of the compiler set's
 * (vitest.stryker.compiler.config.ts).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/integration/compile*.test.ts', 'test/integration/write-ids-details.test.ts'],
  },
});
