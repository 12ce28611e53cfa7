#!/usr/bin/env node
// Runs the CLI built to JavaScript by `npm run build:runtime` (npm install does it), so no
// TypeScript is compiled at start. MNEMO_FROM_SOURCE=1 runs the TypeScript sources through
// tsx instead (the tests do, so they never run a stale build); so does a checkout that was
// never built, where tsx is installed.
import { existsSync } from 'node:fs';

// `mnemo stats | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const built = new URL('../dist/runtime/cli.mjs', import.meta.url);

async function fromSource() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    console.error('mnemo: the runtime is not built: run "npm run build:runtime" (or "npm install") first');
    process.exit(1);
  }
  return import('../cli/main.ts');
}

const { main } =
  process.env.MNEMO_FROM_SOURCE !== '1' && existsSync(built) ? await import(built.href) : await fromSource();
process.exitCode = await main(process.argv.slice(2));
