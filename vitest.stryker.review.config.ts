import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The answer path's tests, for `npm run mutate -- core/review/answer.ts --tests=review`:
 * answers, undo (with sync on, as events for other devices), leeches, review-log ids, and the
 * sync tests that answer and undo on one device and read the events on another. Not the sync
 * merge's 2,000-card test nor the property tests (minutes for each mutant). A score measured
 * with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    testTimeout: 180_000,
    include: [
      'test/integration/answer-details.test.ts',
      'test/integration/answer-seen.test.ts',
      'test/integration/undo.test.ts',
      'test/integration/leech.test.ts',
      'test/integration/review-log-id.test.ts',
      'test/integration/sync.test.ts',
      'test/integration/sync-undo-leech.test.ts',
      'test/unit/uuid.test.ts',
    ],
  },
});
