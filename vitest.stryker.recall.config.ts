import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * Browse's sort by retrievability and its day count, for `npm run mutate --
 * core/scheduler/days-since.ts --tests=recall`: the tests that read them (the walk against
 * the full sort through ts-fsrs, the day count against ts-fsrs around daylight-saving days,
 * here in Asia/Shanghai only). A score measured with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/tz/days-since.test.ts',
      'test/tz/days-since-edges.test.ts',
      'test/integration/search-sort-walk.test.ts',
    ],
  },
});
