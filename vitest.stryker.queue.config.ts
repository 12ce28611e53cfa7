import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The queue's tests, for `npm run mutate -- core/queue --tests=queue`: every unit and
 * integration test that builds a queue (buildQueue or review.next), without the whole suite's
 * first run. A score measured with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/integration/answer-details.test.ts',
      'test/integration/answer-seen.test.ts',
      'test/integration/app-start.test.ts',
      'test/integration/browse-stats.test.ts',
      'test/integration/exam-forecast-sliced.test.ts',
      'test/integration/exam-student.test.ts',
      'test/integration/exams.test.ts',
      'test/integration/kept-totals.test.ts',
      'test/integration/learning-queue.test.ts',
      'test/integration/leech.test.ts',
      'test/integration/limits.test.ts',
      'test/integration/preset-bounds.test.ts',
      'test/integration/preset-scheduling.test.ts',
      'test/integration/queue-across-decks.test.ts',
      'test/integration/queue.test.ts',
      'test/integration/read-plans.test.ts',
      'test/integration/scheduler.test.ts',
      'test/integration/warm-up.test.ts',
      'test/tz/*.test.ts',
    ],
  },
});
