/**
 * A new version's bundled decks reaching a user who has the old ones (issue 12, item 3), in
 * Chromium against the real `mnemo serve`: Home says in one line what changed, in the user's
 * language, shows the new subdecks, and the line goes away when dismissed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { openMnemo } from '../../core/index.ts';
import { bundleCopy, DECKS_WITH_IDS, replaceBundle } from '../helpers/bundled-versions.ts';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SHIPPED = fileURLToPath(new URL('../../decks', import.meta.url));

let served: Served | undefined;
afterAll(async () => {
  await served?.stop();
});

describe('bundled decks updated on start', () => {
  it('Home says what changed, in English and Chinese, until dismissed', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    // A collection made with the decks before the rework, then the app updated.
    const bundle = bundleCopy(DECKS_WITH_IDS);
    process.env.MNEMO_BUNDLED_DECKS = bundle; // the server below inherits it
    const dataDir = mkdtempSync(join(tmpdir(), 'mnemo-e2e-'));
    const before = openMnemo({ dataDir });
    ensureBundledDecks(before.col);
    before.close();
    replaceBundle(bundle, SHIPPED);
    served = await startServer(dataDir);

    for (const [locale, line] of [
      ['en-US', /^Docker decks updated: \d+ edited, \d+ added, \d+ retired$/],
      ['zh-CN', /^Docker 牌组已更新：修改 \d+ 张，新增 \d+ 张，停用 \d+ 张$/],
    ] as const) {
      const browser = await launchBrowser({ locale });
      try {
        const { page, errors } = browser;
        await page.goto(served.url);
        const notice = page.getByTestId('bundled-update');
        // The update runs a moment after start; Home waits for it.
        await notice.waitFor({ timeout: 30_000 });
        expect(await notice.locator('span').textContent()).toMatch(line);
        // The deck list was reloaded: the new subdecks are there.
        const subdeck = page.locator('[data-testid="deck-row"][data-deck-name="Docker::原理与运维::原理"]');
        await expect.poll(() => subdeck.count(), { timeout: 10_000 }).toBe(1);
        await page.screenshot({ path: `${SHOTS}${locale.slice(0, 2)}-light-home-bundled-update.png` });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }

    const browser = await launchBrowser();
    try {
      await browser.page.goto(served.url);
      const notice = browser.page.getByTestId('bundled-update');
      await notice.waitFor();
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect.poll(() => notice.count()).toBe(0);
      await expect
        .poll(() => served!.api<{ notice: unknown }>('decks.bundledUpdate'))
        .toEqual({ pending: false, notice: null });
    } finally {
      await browser.close();
    }
  });
});
