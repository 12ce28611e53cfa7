#!/usr/bin/env node
// `npm start`: rebuilds the runtime (dist/runtime/, about a second; the launcher rebuilds the
// renderer too, so an edited checkout never starts stale code), then runs the launcher built
// from scripts/start/main.ts, which opens the Electron window or the built `mnemo serve`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRuntime, RUNTIME_DIR } from './build-runtime.mjs';

const launcher = join(RUNTIME_DIR, 'start.mjs');
try {
  await buildRuntime({ quiet: true });
} catch (e) {
  // Without esbuild (dev dependencies left out) the runtime that `npm install` built is used.
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(launcher)) throw e;
}
await import(pathToFileURL(launcher).href);
