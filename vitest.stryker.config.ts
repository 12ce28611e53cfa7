import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutate`): the unit and integration
 * tests, which run core/ and server/ in-process. Not the end-to-end tests: they drive a
 * `mnemo serve` child process and Chromium, which mutants switched on in-process never reach.
 * The time-zone tests run once, in Asia/Shanghai: Stryker runs tests in worker threads, where
 * setting TZ has no effect, so `npm test` alone runs them under New York's and UTC's clocks.
 */
export default defineConfig({
  test: {
    env: { TZ: 'Asia/Shanghai' },
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/tz/**/*.test.ts'],
    // Builds and drives electron/, which is not mutated.
    exclude: ['test/integration/electron-build.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
