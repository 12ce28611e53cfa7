import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable } from './harness.ts';

const env = serverAndBrowser();

describe('two windows on one collection', () => {
  it('answering the same card in both counts it once; the second window moves on with a notice', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const pages = [browser.page, await browser.context.newPage()];
    for (const page of pages) {
      await page.goto(s.url);
      await page.getByRole('button', { name: 'Study all' }).click();
    }
    const ids = await Promise.all(
      pages.map(async (page) => {
        const card = page.getByTestId('card');
        await expect.poll(() => card.getAttribute('data-side')).toBe('front');
        return card.getAttribute('data-card-id');
      }),
    );
    expect(ids[0]).toBe(ids[1]); // the same card on screen in both
    const cardId = Number(ids[0]);

    const [first, second] = pages as [(typeof pages)[0], (typeof pages)[0]];
    await first.bringToFront();
    await first.keyboard.press('Space');
    const stored = first.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
    await first.keyboard.press('3');
    await stored;

    await second.bringToFront();
    await second.keyboard.press('Space');
    const refused = second.waitForResponse((r) => r.url().endsWith('/api/review.answer'));
    await second.keyboard.press('1');
    expect((await refused).status()).toBe(409);
    await expect
      .poll(() => second.locator('.notice').textContent())
      .toBe('That card was answered or changed in another window; here is the queue as it is now.');
    await expect.poll(() => second.getByTestId('card').getAttribute('data-side')).toBe('front');
    expect(await second.getByRole('alert').count()).toBe(0); // a notice, not an error

    const details = await s.api<{ log: { rating: number }[] }>('cards.get', { cardId });
    expect(details.log.map((l) => l.rating)).toEqual([3]);
    expect(browser.errors).toEqual([]);
    await pages[1]!.close();
  });
});
