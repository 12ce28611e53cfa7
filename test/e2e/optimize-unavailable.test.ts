/**
 * Where the optimizer's binding cannot load (macOS, Windows: the package exists for Linux x64
 * only), Optimize says so in the user's language and everything else works. The app is
 * started with MNEMO_FSRS_BINDING naming a module that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  const before = process.env.MNEMO_FSRS_BINDING;
  process.env.MNEMO_FSRS_BINDING = '/nonexistent/fsrs-binding.node';
  try {
    s = await startServer();
  } finally {
    if (before === undefined) delete process.env.MNEMO_FSRS_BINDING;
    else process.env.MNEMO_FSRS_BINDING = before;
  }
});
afterAll(async () => {
  await s?.stop();
});

describe('Optimize without the binding', () => {
  it('says it is unavailable on this platform, in English and Chinese; reviewing and the simulation still work', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const next = await s.api<{ card: { id: number; fsrs: { reps: number } } }>('review.next');
    await s.api('review.answer', { cardId: next.card.id, rating: 3, durationMs: 5000, seenReps: 0 });
    const refused = await s
      .api('optimize.run', { presetId: 1 })
      .catch((e: { status: number; body: unknown }) => e);
    expect(refused).toMatchObject({ status: 409, body: { error: { type: 'Conflict' } } });
    expect((refused as { body: { error: { message: string } } }).body.error.message).toMatch(
      /^Optimize is unavailable on this platform/,
    );
    for (const [language, dict] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      await s.api('settings.update', { language });
      const browser = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
      try {
        const { page, errors } = browser;
        await page.goto(s.url);
        await page.getByRole('button', { name: dict.nav.settings }).click();
        await expect
          .poll(() => page.getByTestId('optimize-unavailable').textContent())
          .toBe(dict.optimize.unavailable);
        expect(await page.getByRole('button', { name: dict.optimize.run, exact: true }).count()).toBe(0);
        await page.getByRole('button', { name: dict.optimize.simulate }).click();
        await page.getByTestId('retention-suggested').waitFor({ timeout: 30_000 });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }
  }, 120_000);
});
