import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Day-boundary tests reason about local time; pin a zone with no DST surprises.
    env: { TZ: 'Asia/Shanghai' },
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
