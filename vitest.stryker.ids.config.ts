import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compile tests of ids, keys, edits and locations, for `npm run mutate --
 * core/compiler/candidate.ts core/compiler/duplicate-ids.ts --tests=ids`: every compile covers
 * those files, so against the compile set (vitest.stryker.compile.config.ts) each surviving
 * mutant re-ran some twenty files. A score measured with these is a lower bound of that set's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/integration/compile.test.ts',
      'test/integration/compile-ids.test.ts',
      'test/integration/compile-id-removed.test.ts',
      'test/integration/compile-details.test.ts',
      'test/integration/compile-locations.test.ts',
      'test/integration/compile-edits.test.ts',
      'test/integration/compile-incremental.test.ts',
      'test/integration/compile-hash-ids.test.ts',
    ],
  },
});
