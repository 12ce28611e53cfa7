/**
 * Two browser-mode servers on two data dirs sharing one sync folder (as a sync tool would
 * keep it): an answer on the first travels to the second when Sync now is pressed there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type Served } from './harness.ts';
import { syncedServers } from './sync-servers.ts';

interface Next {
  card: { id: number; fsrs: { reps: number } };
}
interface Decks {
  today: { new: number; learning: number; review: number };
}

const folder = mkdtempSync(join(tmpdir(), 'mnemo-e2e-sync-'));
const started: Served[] = [];
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
afterAll(async () => {
  await browser?.close();
  for (const s of started) await s.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('sync between two browser-mode servers', () => {
  it('answer on one, press Sync now on the other: the events and the counts change', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const [one, two] = await syncedServers(folder, started);
    const before = await two.api<Decks>('decks.list');
    const next = await one.api<Next>('review.next');
    await one.api('review.answer', { cardId: next.card.id, rating: 3, durationMs: 1, seenReps: 0 });
    expect(await one.api('sync.run')).toMatchObject({ out: 1, error: null });

    browser = await launchBrowser();
    const { page, errors } = browser;
    await page.goto(two.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('sync');
    // No device has been seen yet from here: two set up before one wrote anything.
    await expect.poll(() => section.getByTestId('sync-devices').locator('li').count()).toBe(0);
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => section.getByTestId('sync-counts').textContent())
      .toBe('1 events in, 0 out, 1 card re-derived');
    const oneId = (await one.api<{ device: string }>('sync.status')).device;
    await expect.poll(() => section.getByTestId('sync-devices').textContent()).toContain(oneId);
    const after = await two.api<Decks>('decks.list');
    expect(after.today.new).toBe(before.today.new - 1);
    expect(after.today.learning).toBe(before.today.learning + 1);
    expect(errors).toEqual([]);
  });
});
