#!/usr/bin/env node
// The `mnemo` command. Runs the CLI built to JavaScript by `npm run build:runtime` (npm
// install does it), so no TypeScript is compiled at start. MNEMO_FROM_SOURCE=1 runs the
// TypeScript sources through tsx instead (the tests do, so they never run a stale build); so
// does a checkout that was never built, where tsx is installed. CommonJS, so a start never
// sets up Node's ES module loader (about a tenth of a `mnemo stats`); bin/mnemo.mjs is the
// same command for callers that name that file.
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

// `mnemo stats | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist', 'runtime', 'cli.cjs');
const CACHE = `${BUILT}.v8-cache`;

/**
 * Whether a source file the build was made from changed since (edited, or updated by a
 * git pull in a developer's checkout): a stat of each, about 200, in one loop on this thread
 * (4–6 ms of CPU, half what as many promises on libuv's threads cost this thread to hand out
 * and collect), stopping at the first changed one. An installed package's files are older
 * than its build.
 */
function stale() {
  try {
    const { builtAt, sources } = JSON.parse(
      readFileSync(join(ROOT, 'dist', 'runtime', 'sources.json'), 'utf8'),
    );
    const changedAt = (f) => {
      try {
        return statSync(join(ROOT, f)).mtimeMs;
      } catch {
        return Number.POSITIVE_INFINITY; // gone or unreadable: rebuilt, as for an edit
      }
    };
    return sources.some((f) => changedAt(f) > builtAt);
  } catch {
    return false; // a build without the list: taken as it is
  }
}

/** Rebuilds a stale runtime (about 2 s) where esbuild is installed; else runs it as it is. */
async function rebuild() {
  console.error(
    'mnemo: the sources changed since the runtime was built: rebuilding it (npm run build:runtime)',
  );
  try {
    const { buildRuntime } = await import('../scripts/build-runtime.mjs');
    await buildRuntime({ quiet: true });
  } catch (e) {
    console.error(
      `mnemo: could not rebuild (${String(e?.message ?? e).split('\n')[0]}); running the last build`,
    );
  }
}

/**
 * The built CLI, compiled with V8's code cache from the last run (Node 20 has no compile
 * cache of its own): most of its parsing and compiling is skipped. `save` writes the cache
 * when there was none or V8 refused it (another Node version, a new build).
 */
function loadBuilt() {
  const source = readFileSync(BUILT, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CACHE);
  } catch {
    // none yet
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUILT,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUILT), module, BUILT, dirname(BUILT));
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      // Under a temporary name first: a concurrent start never reads half a cache.
      const temp = `${CACHE}.${process.pid}`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, CACHE);
    } catch {
      // a read-only install: every start compiles, as without a cache
    }
  };
  return { main: module.exports.main, save };
}

async function fromSource() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    console.error(
      process.env.MNEMO_FROM_SOURCE === '1'
        ? 'mnemo: MNEMO_FROM_SOURCE=1 runs the sources through tsx, which is not installed (npm install)'
        : 'mnemo: the runtime is not built: run "npm run build:runtime" (or "npm install") first',
    );
    process.exit(1);
  }
  const { main } = await import('../cli/main.ts');
  return { main, save: () => {} };
}

async function run() {
  const fromBuild = process.env.MNEMO_FROM_SOURCE !== '1' && existsSync(BUILT);
  let cli;
  if (fromBuild) {
    if (stale()) await rebuild();
    cli = loadBuilt();
  } else {
    cli = await fromSource();
  }
  const { main, save } = cli;
  // Saved once the command has run, so the functions it compiled are in the cache too (a
  // long-running `serve` saves a moment after it starts).
  const saveSoon = setTimeout(save, 2000);
  saveSoon.unref();
  process.exitCode = await main(process.argv.slice(2));
  clearTimeout(saveSoon);
  save();
}

run();
