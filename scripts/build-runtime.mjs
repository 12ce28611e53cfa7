#!/usr/bin/env node
/**
 * `npm run build:runtime` (also run by `npm install` / `npm ci` through `prepare`): bundles
 * the `mnemo` CLI (with the core and the browser-mode server) and the `npm start` launcher
 * to plain JavaScript in dist/runtime/, so nothing compiles TypeScript when Mnemo starts.
 * bin/mnemo.cjs runs cli.cjs, scripts/start.mjs runs start.mjs.
 *
 * Everything pure JavaScript is bundled in (one file read instead of hundreds of module
 * resolutions at each start). Left outside: native modules (better-sqlite3, the FSRS
 * optimizer's binding), Electron and the launcher's build tools, loaded from node_modules.
 *
 * The CLI is one CommonJS file so that bin/mnemo.cjs can load it through vm.Script with V8's
 * code cache (Node 20 has no compile cache for ES modules): a start then skips most of
 * parsing and compiling. Its commands and the exporters are still evaluated only when used.
 *
 * The output sits two folders below the app's root, like core/util/app-root.ts itself, so
 * the paths the code derives from `import.meta.url` (the bundled decks, the built renderer)
 * resolve the same from the bundle as from the sources.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RUNTIME_DIR = join(ROOT, 'dist', 'runtime');

const EXTERNAL = ['better-sqlite3', '@open-spaced-repetition/*', 'electron', '@electron/rebuild'];

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
};

/** Builds dist/runtime/ (cli.cjs, start.mjs, replay-worker.mjs, parse-worker.mjs), replacing the old one whole. */
export async function buildRuntime({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const staging = `${RUNTIME_DIR}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const started = performance.now();
  const builtAt = Date.now();
  try {
    const cli = await build({
      ...COMMON,
      metafile: true,
      entryPoints: ['cli/main.ts'],
      outfile: join(staging, 'cli.cjs'),
      format: 'cjs',
      // A CommonJS file has no import.meta: its URL is made from __filename.
      define: { 'import.meta.url': '__mnemoModuleUrl' },
      banner: { js: "const __mnemoModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    await build({
      ...COMMON,
      entryPoints: ['scripts/start/main.ts'],
      outfile: join(staging, 'start.mjs'),
      format: 'esm',
      // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none.
      banner: {
        js: "import { createRequire as __mnemoCreateRequire } from 'node:module';\nconst require = __mnemoCreateRequire(import.meta.url);",
      },
    });
    // The import's replay worker and the first compile's parse worker (core/import/replay/thread.ts
    // and core/compiler/parse-thread.ts find them beside cli.cjs).
    for (const [entry, out] of [
      ['core/import/replay/worker.ts', 'replay-worker.mjs'],
      ['core/compiler/parse-worker.ts', 'parse-worker.mjs'],
    ])
      await build({
        ...COMMON,
        entryPoints: [entry],
        outfile: join(staging, out),
        format: 'esm',
        banner: {
          js: "import { createRequire as __mnemoCreateRequire } from 'node:module';\nconst require = __mnemoCreateRequire(import.meta.url);",
        },
      });
    // The app's own source files the CLI was built from, and when: bin/mnemo.cjs rebuilds
    // when one of them changed since (an edit, a git pull in a developer's checkout).
    const sources = Object.keys(cli.metafile.inputs)
      .map((f) => relative(ROOT, join(ROOT, f)))
      .filter((f) => !f.startsWith('..') && !f.includes('node_modules'));
    writeFileSync(join(staging, 'sources.json'), JSON.stringify({ builtAt, sources }));
    // Never a half-written runtime: the old folder goes only once the new one is complete.
    rmSync(RUNTIME_DIR, { recursive: true, force: true });
    renameSync(staging, RUNTIME_DIR);
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
  if (!quiet)
    console.log(`mnemo: runtime built in ${RUNTIME_DIR} (${Math.round(performance.now() - started)} ms)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildRuntime();
  } catch (e) {
    // esbuild is a devDependency: `npm install --omit=dev` has none to build with.
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    console.error(
      `mnemo: cannot build the runtime (${e.message.split('\n')[0]}): install with the dev dependencies (npm install)`,
    );
    process.exit(1);
  }
}
