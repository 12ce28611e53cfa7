import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The compiler's own tests, for `npm run mutate -- core/compiler --tests=compiler`. Every test
 * that builds a collection from Markdown covers the parser, so against the whole suite each
 * surviving parser mutant re-ran about 500 tests: hours per file on two shared cores. These
 * are the tests written about the compiler (its files, ids, edits, folders, images, vault
 * mode, the card linter reading its parse); a score measured with them is a lower bound of
 * the score the whole suite would give.
 */
export default defineConfig({
  test: {
    ...base.test,
    // A few of these files also run `mnemo` in child processes, which no mutant in this
    // process reaches: they run only in the first, unmutated run, where under a shared
    // machine's load they took more than the suite's 30 s.
    testTimeout: 180_000,
    // Replaced, not merged (mergeConfig would append to the whole suite's list).
    include: [
      'test/unit/parse*.test.ts',
      'test/unit/markdown-lines.test.ts',
      'test/unit/extract-*.test.ts',
      'test/unit/similarity.test.ts',
      'test/unit/image-type.test.ts',
      'test/unit/card-source.test.ts',
      'test/unit/lint-rules.test.ts',
      'test/unit/sr-schedule.test.ts',
      'test/unit/line-diff.test.ts',
      'test/unit/line-digest.test.ts',
      'test/unit/obsidian-*.test.ts',
      'test/integration/compile*.test.ts',
      'test/integration/extract.test.ts',
      'test/integration/source-path.test.ts',
      'test/integration/write-ids-details.test.ts',
      'test/integration/deck-*.test.ts',
      'test/integration/bundled-*.test.ts',
      'test/integration/media-files.test.ts',
      'test/integration/edit-cards*.test.ts',
      'test/integration/export-roundtrip.test.ts',
    ],
  },
});
