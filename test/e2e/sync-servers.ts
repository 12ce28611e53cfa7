import { expect } from 'vitest';
import { mnemoCli, type Served, startServer } from './harness.ts';

/**
 * Two browser-mode servers on two data dirs whose collections sync through `folder` (as a
 * sync tool would keep it), pushed to `started` to be stopped by the caller. Each is set up
 * with `mnemo sync init` once the app's own sync at start has passed (it runs when the
 * bundled decks are settled; sync is not set up yet then), so only what the test does merges.
 */
export async function syncedServers(folder: string, started: Served[]): Promise<[Served, Served]> {
  const pair: [Served, Served] = [await startServer(), await startServer()];
  started.push(...pair);
  for (const s of pair) {
    await expect
      .poll(async () => (await s.api<{ pending: boolean }>('decks.bundledUpdate')).pending, {
        timeout: 20_000,
      })
      .toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    const init = mnemoCli(['sync', 'init', folder, '--data', s.dataDir]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
  }
  return pair;
}
