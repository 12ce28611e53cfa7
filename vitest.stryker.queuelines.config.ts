import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The tests of buildQueue's own behaviour (limits, learning list, order across decks, kept
 * daily counts), for `npm run mutate -- core/queue/queue.ts:A-B --tests=queuelines`: each
 * mutant of buildQueue re-runs only these (seconds) rather than every test that studies (the
 * `queue` set: about a minute a mutant). A score measured with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/integration/queue.test.ts',
      'test/integration/learning-queue.test.ts',
      'test/integration/limits.test.ts',
      'test/integration/queue-across-decks.test.ts',
      'test/integration/kept-totals.test.ts',
      'test/integration/listed-later.test.ts',
      'test/tz/study-day.test.ts',
    ],
  },
});
