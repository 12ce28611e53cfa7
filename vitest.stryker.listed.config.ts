import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The tests of the queue's learning list past `LEARNING_LISTED` (`core/queue/listed-later.ts` and
 * the cut list in buildQueue), for `npm run mutate -- core/queue/listed-later.ts --tests=listed`:
 * every `review.next` covers `listedLater`, so against the queue set each of its mutants re-ran
 * every test that studies. A score measured with these is a lower bound of the suite's.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/integration/kept-totals.test.ts', 'test/integration/listed-later.test.ts'],
  },
});
