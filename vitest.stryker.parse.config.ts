import { defineConfig } from 'vitest/config';
import base from './vitest.stryker.config.ts';

/**
 * The parser's unit tests, for `npm run mutate -- core/compiler/front-matter.ts
 * core/compiler/card-syntax.ts core/compiler/blocks.ts --tests=parse`: they call the parser in
 * the test's own thread (a compile may parse in its parse thread, which no mutant reaches),
 * without the compiler set's first run of some 190 tests. A score measured with these is a
 * lower bound of the compiler set's (vitest.stryker.compiler.config.ts).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/unit/parse*.test.ts',
      'test/unit/markdown-lines.test.ts',
      'test/unit/card-source.test.ts',
      'test/unit/lint-rules.test.ts',
      'test/unit/obsidian-notes.test.ts',
      'test/unit/line-digest.test.ts',
    ],
  },
});
