#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx mnemo` works without a build step.
import { register } from 'tsx/esm/api';

register();
// `mnemo stats | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
