import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compile tests that recompile changed files, for `npm run mutate --
 * core/compiler/incremental.ts --tests=incremental`: each of the part-read recompile's mutants
 * is covered by most of the compiler's tests (every recompile reads a digest), and on these
 * shared cores re-running them all took about 25 s a mutant. A score measured with these is a
 * lower bound of the compiler set's (vitest.stryker.compiler.config.ts).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/unit/line-diff.test.ts',
      'test/unit/line-digest.test.ts',
      'test/integration/compile-incremental.test.ts',
      'test/integration/compile-kept-neighbours.test.ts',
      'test/integration/compile-changed-whole.test.ts',
      'test/integration/compile-part-bounds.test.ts',
      'test/integration/compile-edits.test.ts',
      'test/integration/compile-locations.test.ts',
      'test/integration/compile-ids.test.ts',
      'test/integration/compile-id-removed.test.ts',
      'test/integration/compile-card-counts.test.ts',
    ],
  },
});
