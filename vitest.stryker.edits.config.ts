import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compile tests of edits, new notes and reports, for `npm run mutate --
 * core/compiler/match-edits.ts core/compiler/new-notes.ts core/compiler/compile-report.ts
 * --tests=edits`: in-place edits read whole and in part, bulk inserts past a statement's rows,
 * card counts, a report's order. A score measured with these is a lower bound of the compile
 * set's (vitest.stryker.compile.config.ts).
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/integration/compile.test.ts',
      'test/integration/compile-edits.test.ts',
      'test/integration/compile-kept-neighbours.test.ts',
      'test/integration/compile-details.test.ts',
      'test/integration/compile-incremental.test.ts',
      'test/integration/compile-bulk.test.ts',
      'test/integration/compile-card-counts.test.ts',
      'test/integration/compile-run-edges.test.ts',
      'test/integration/compile-report-order.test.ts',
    ],
  },
});
