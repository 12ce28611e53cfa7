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
    // As in vitest.config.ts: a `mnemo` child runs the sources, never a runtime build.
    env: { TZ: 'Asia/Shanghai', MNEMO_FROM_SOURCE: '1' },
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/tz/**/*.test.ts'],
    exclude: [
      // Builds and drives electron/, which is not mutated.
      'test/integration/electron-build.test.ts',
      // About processes: the CLI, locks, kills, read-only folders. What they check happens in
      // child processes, which mutants switched on in the test's process never reach; their
      // in-process setup would only make every mutant it touches seconds slower.
      'test/integration/cli.test.ts',
      'test/integration/app-instance.test.ts',
      'test/integration/two-processes.test.ts',
      'test/integration/durability.test.ts',
      'test/integration/write-ids-kill.test.ts',
      'test/integration/readonly-folder.test.ts',
      'test/integration/backup-safety.test.ts',
      // Builds dist/runtime/ with esbuild and runs it in child processes.
      'test/integration/runtime-build.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
