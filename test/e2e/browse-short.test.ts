/**
 * Browse on a collection larger than SHORT_SCAN, in Chromium: one character found in none of
 * the oldest cards says where it looked, and the button reads every card and finds it.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_SCAN } from '../../core/cards/search.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { chromiumAvailable, launchBrowser, mnemoCli, type Served, startServer } from './harness.ts';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let s: Served;
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mnemo-short-')));
beforeAll(async () => {
  if (chromiumAvailable) s = await startServer();
});
afterAll(async () => {
  await s?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Browse text below a trigram on a large collection (Chromium)', () => {
  it('says it read the oldest cards only, and finds the newest card when asked to read all', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    // SHORT_SCAN + 2,000 cards in 52 files; the very last one (the newest) holds 龘.
    const decks = join(dir, 'decks');
    mkdirSync(decks);
    const files = Math.ceil((SHORT_SCAN + 2000) / 1000);
    for (let f = 0; f < files; f++) {
      const cards = Array.from({ length: 1000 }, (_, i) =>
        f === files - 1 && i === 999 ? 'the rare 龘 card::yes' : `card ${f}-${i}::answer`,
      );
      writeFileSync(
        join(decks, `f${String(f).padStart(2, '0')}.md`),
        `---\ndeck: Big\n---\n${cards.join('\n\n')}\n`,
      );
    }
    expect(mnemoCli(['decks', 'add', decks, '--data', s.dataDir]).status).toBe(0);
    expect((await s.api<{ errors: unknown[] }>('decks.compile', { paths: [decks] })).errors).toEqual([]);
    const all = (await s.api<{ total: number }>('cards.search', {})).total;
    expect(all).toBeGreaterThan(SHORT_SCAN + 1000);

    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: en.nav.browse }).click();
      await page.getByTestId('browse-row').first().waitFor();
      await page.getByTestId('browse-search').fill('龘');
      const pager = page.locator('.pager > span');
      await expect
        .poll(() => pager.textContent(), { timeout: 20_000 })
        .toBe(`${en.browse.total(1, 0, 0)} ${en.searchCount.partial(SHORT_SCAN, all)}`);
      expect(await page.getByTestId('browse-row').count()).toBe(0);
      // The message and its button, as a person sees them, at a desktop and a phone width.
      mkdirSync(SHOTS, { recursive: true });
      for (const width of [1280, 380]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SHOTS}en-light-browse-short-${width}.png` });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: en.searchCount.searchAll(all) }).click();
      await expect.poll(() => pager.textContent(), { timeout: 20_000 }).toBe(en.browse.total(1, 1, 1));
      await expect.poll(() => page.getByTestId('browse-row').count()).toBe(1);
      expect(await page.getByRole('button', { name: en.searchCount.searchAll(all) }).count()).toBe(0);

      // The same message in the other language and theme pairs, looked at in both widths.
      for (const [language, theme, t] of [
        ['en', 'dark', en],
        ['zh', 'light', zh],
        ['zh', 'dark', zh],
      ] as const) {
        await s.api('settings.update', { language, theme });
        await page.goto(s.url);
        await page.getByRole('button', { name: t.nav.browse }).click();
        await page.getByTestId('browse-row').first().waitFor();
        await page.getByTestId('browse-search').fill('龘');
        await expect
          .poll(() => pager.textContent(), { timeout: 20_000 })
          .toBe(`${t.browse.total(1, 0, 0)} ${t.searchCount.partial(SHORT_SCAN, all)}`);
        await page.getByRole('button', { name: t.searchCount.searchAll(all) }).waitFor();
        for (const width of [1280, 380]) {
          await page.setViewportSize({ width, height: 800 });
          await page.screenshot({ path: `${SHOTS}${language}-${theme}-browse-short-${width}.png` });
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
