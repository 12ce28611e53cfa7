#!/usr/bin/env node
/**
 * `npm run build:runtime` (also run by `npm install` / `npm ci` through `prepare`): bundles
 * the `mnemo` CLI (with the core and the browser-mode server) and the `npm start` launcher
 * to plain JavaScript in dist/runtime/, so nothing compiles TypeScript when Mnemo starts.
 * bin/mnemo.mjs and scripts/start.mjs run these files.
 *
 * Everything pure JavaScript is bundled in (one file read instead of hundreds of module
 * resolutions at each start). Left outside: native modules (better-sqlite3, the FSRS
 * optimizer's binding), Electron and the launcher's build tools, which are loaded from
 * node_modules as before.
 *
 * The output sits two folders below the app's root, like core/util/app-root.ts itself, so
 * the paths the code derives from `import.meta.url` (the bundled decks, the built renderer)
 * resolve the same from the bundle as from the sources. Shared chunks stay in that folder.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RUNTIME_DIR = join(ROOT, 'dist', 'runtime');

const EXTERNAL = ['better-sqlite3', '@open-spaced-repetition/*', 'electron', '@electron/rebuild'];

// Bundled CommonJS packages (sanitize-html's parser, highlight.js…) call require() for Node's
// built-ins; an ES module has no `require`, so one is made for them.
const BANNER =
  "import { createRequire as __mnemoCreateRequire } from 'node:module';\n" +
  'const require = __mnemoCreateRequire(import.meta.url);';

/** Builds dist/runtime/ (cli.mjs, start.mjs and their shared chunks), replacing the old one whole. */
export async function buildRuntime({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const staging = `${RUNTIME_DIR}.new-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const started = performance.now();
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: { cli: 'cli/main.ts', start: 'scripts/start/main.ts' },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      external: EXTERNAL,
      banner: { js: BANNER },
      legalComments: 'none',
      minifyWhitespace: true,
      minifySyntax: true,
      sourcemap: 'linked',
      logLevel: 'warning',
    });
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
