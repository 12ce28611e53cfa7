import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The scheduler's tests, for `npm run mutate -- core/scheduler/fsrs.ts --tests=sched`: the
 * unit tests of the study-time mapping, the replay and a merge's stepping against the answer
 * path, the day count, and the integration tests that answer cards through the API. Not the
 * sync merge's tests (a merge of 2,000 cards: 35 s for each mutant). A score measured with
 * these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/unit/step-card.test.ts',
      'test/unit/replay-day-start.test.ts',
      'test/unit/replay-edges.test.ts',
      'test/unit/scheduler-edges.test.ts',
      'test/unit/study-time-cache.test.ts',
      'test/integration/scheduler.test.ts',
      'test/integration/preset-scheduling.test.ts',
      'test/integration/answer-details.test.ts',
      'test/tz/study-day.test.ts',
      'test/tz/days-since.test.ts',
      'test/tz/days-since-edges.test.ts',
    ],
  },
});
