import { afterAll, beforeAll } from 'vitest';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** A fresh `mnemo serve` and a Chromium for the tests of one file (nothing when Chromium is missing). */
export function serverAndBrowser(): { s: Served; browser: Browser } {
  const env = {} as { s: Served; browser: Browser };
  beforeAll(async () => {
    if (!chromiumAvailable) return;
    env.s = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.s?.stop();
  });
  return env;
}
