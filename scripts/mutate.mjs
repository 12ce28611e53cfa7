/**
 * `npm run mutate [-- FOLDER... | STRYKER-FLAGS]`: Stryker over core/ and server/ (or only
 * the folders named, e.g. `npm run mutate -- core/queue server`, or files, or a file's lines
 * as `core/compiler/parse.ts:118-120`), then the score per folder.
 * Incremental: each scope keeps its own results file in reports/, so a re-run after a small
 * change tests only the mutants that change touched. `--force` re-tests everything;
 * `--survivors` lists the mutants no test killed; `--with-static` also tests the mutants in
 * code run when a module loads (slow: each re-runs every related test). `--tests=NAME` runs
 * only the tests of vitest.stryker.NAME.config.ts against each mutant (e.g. `--tests=compiler`,
 * the compiler's own tests: see that file), with its own results file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { printSummary, REPORT } from './mutation-summary.mjs';

const args = process.argv.slice(2);
const folders = args.filter((a) => !a.startsWith('--')).map((f) => f.replace(/\/+$/, ''));
const survivors = args.includes('--survivors');
const withStatic = args.includes('--with-static');
const tests = args.find((a) => a.startsWith('--tests='))?.slice('--tests='.length);
const flags = args.filter(
  (a) => a.startsWith('--') && a !== '--survivors' && a !== '--with-static' && !a.startsWith('--tests='),
);
const vitestConfig = tests ? `vitest.stryker.${tests}.config.ts` : 'vitest.stryker.config.ts';
if (!existsSync(vitestConfig)) {
  console.error(`--tests=${tests}: no ${vitestConfig}`);
  process.exit(2);
}
/** The results file's name for a scope: readable, or hashed when too long for a file name. */
function scopeName(list) {
  const name = list.join('+').replace(/[^\w+.-]/g, '-');
  return name.length <= 120
    ? name
    : `${name.slice(0, 80)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}
const scoped = folders.length > 0;
const scope = scoped
  ? [
      '--mutate',
      // A file, or a file's lines (`core/compiler/parse.ts:118-120`), or a folder.
      folders.map((f) => (/\.ts(:\d+-\d+)?$/.test(f) ? f : `${f}/**/*.ts`)).join(','),
      '--incrementalFile',
      `reports/stryker-incremental-${scopeName(folders)}${tests ? `.${tests}-tests` : ''}.json`,
    ]
  : [];
// Some integration tests start `mnemo serve`, which needs the built renderer (as `npm test` builds it).
if (!existsSync('dist/renderer/index.html')) {
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const started = Date.now();
const run = spawnSync(
  process.execPath,
  ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...scope, ...flags],
  {
    stdio: 'inherit',
    // The tests reason about local time in this zone (vitest.config.ts); worker threads inherit it.
    env: {
      ...process.env,
      TZ: 'Asia/Shanghai',
      MNEMO_MUTATE_STATIC: withStatic ? '1' : '0',
      MNEMO_MUTATE_VITEST_CONFIG: vitestConfig,
    },
  },
);
if (existsSync(REPORT) && statSync(REPORT).mtimeMs >= started)
  printSummary(JSON.parse(readFileSync(REPORT, 'utf8')), { survivors });
process.exit(run.status ?? 1);
