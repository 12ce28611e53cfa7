import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compiler's file-system edges, for `npm run mutate -- core/compiler/deck-image.ts ...
 * --tests=files`: deck images, served media files, atomic writes and the bundled decks'
 * updates. The tests of the compiler's set (vitest.stryker.compiler.config.ts) that touch
 * them, without the set's first run of some 190 tests; a score measured with these is a
 * lower bound of that set's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/integration/media-files.test.ts',
      'test/integration/deck-images.test.ts',
      'test/integration/compile-two-images.test.ts',
      'test/integration/bundled-*.test.ts',
      'test/integration/write-ids-details.test.ts',
    ],
  },
});
