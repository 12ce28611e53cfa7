import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable } from './harness.ts';

const env = serverAndBrowser();

interface Next {
  card: { id: number; fsrs: { reps: number } };
}

describe('backups in Settings', () => {
  it('backs up now, then restores an earlier backup after asking; the answers since are gone', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    // The day's backup is taken at start; answer two cards after it.
    await expect
      .poll(async () => (await s.api<unknown[]>('backups.list')).length, { timeout: 15_000 })
      .toBe(1);
    for (let i = 0; i < 2; i++) {
      const next = await s.api<Next>('review.next');
      await s.api('review.answer', {
        cardId: next.card.id,
        rating: 3,
        durationMs: 1,
        seenReps: next.card.fsrs.reps,
      });
    }
    await page.goto(s.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('backups');
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(1);
    await section.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(2);
    await expect.poll(() => section.locator('.notice').textContent()).toMatch(/^Backed up/);

    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    // The older one (listed last): from before the two answers.
    await section
      .getByTestId('backup-row')
      .last()
      .getByRole('button', { name: /^Restore the backup of/ })
      .click();
    await expect.poll(() => section.locator('.notice').textContent()).toMatch(/^Restored the backup of/);
    expect(asked).toMatch(/is backed up first/);
    expect((await s.api<{ studied: number }>('stats.today')).studied).toBe(0);
    // The state replaced was backed up first: three backups now.
    await expect.poll(() => section.getByTestId('backup-row').count()).toBe(3);
    expect(errors).toEqual([]);
  });
});
