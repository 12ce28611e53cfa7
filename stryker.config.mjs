// @ts-check
/**
 * Mutation testing of core/ and server/: `npm run mutate` (scripts/mutate.mjs), never part
 * of `npm test`. Incremental: results are kept in reports/ (ignored by git) and only mutants
 * in changed code, or covered by changed tests, run again.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // scripts/mutate.mjs names another test set with --tests=NAME.
  vitest: { configFile: process.env.MNEMO_MUTATE_VITEST_CONFIG || 'vitest.stryker.config.ts', related: true },
  checkers: [],
  // Stryker rewrites `extends`/`references` of this tsconfig in its sandbox with TypeScript's
  // JS API, which TypeScript 7 no longer has. Ours has neither, so it names no file: nothing
  // to rewrite (the vitest runner strips types itself and never reads it for checking).
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  mutate: ['core/**/*.ts', 'server/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Mutants in code that runs when a module loads (constants, regexes, tables) cannot be
  // tied to the tests that use them, so each would re-run every related test (about two
  // minutes here). They are left out of the routine run and counted apart in the summary;
  // `npm run mutate -- --with-static` tests them too.
  ignoreStatic: process.env.MNEMO_MUTATE_STATIC !== '1',
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  ignorePatterns: ['test-results', '.mnemo-data', '.electron-native'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  timeoutMS: 5_000,
  // The first run of every test takes minutes on two busy cores.
  dryRunTimeoutMinutes: 20,
  thresholds: { high: 80, low: 60, break: null },
};
