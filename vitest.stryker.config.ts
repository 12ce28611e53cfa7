import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutate`): the unit and integration
 * tests, which run core/ and server/ in-process. Not the end-to-end tests: they drive a
 * `mnemo serve` child process and Chromium, which mutants switched on in-process never reach.
 */
export default defineConfig({
  test: {
    env: { TZ: 'Asia/Shanghai' },
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Builds and drives electron/, which is not mutated.
    exclude: ['test/integration/electron-build.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
