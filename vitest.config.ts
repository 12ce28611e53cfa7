import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Day-boundary tests reason about local time; pin a zone with no DST surprises.
    // MNEMO_FROM_SOURCE: bin/mnemo.cjs (and .mjs) runs the TypeScript sources (through tsx), never a
    // runtime build that may predate them; test/integration/runtime-build.test.ts tests the build.
    env: { TZ: 'Asia/Shanghai', MNEMO_FROM_SOURCE: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      // Study days in three time zones: the same file once per zone.
      ...['Asia/Shanghai', 'America/New_York', 'UTC'].map((zone) => ({
        extends: true as const,
        test: { name: `tz-${zone}`, include: ['test/tz/**/*.test.ts'], env: { TZ: zone } },
      })),
      {
        extends: true,
        // One browser at a time: two cores are shared with the unit tests.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
