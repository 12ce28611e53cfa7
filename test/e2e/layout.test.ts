import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  if (chromiumAvailable) s = await startServer();
});
afterAll(async () => {
  await s?.stop();
});
const skip = (ctx: { skip: (c: boolean, note?: string) => void }) =>
  ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');

/** Text lines each header cell of the deck table takes (1 when its words fit). */
const headerLines = (page: Page) =>
  page.locator('.deck-table thead th').evaluateAll((ths) =>
    ths.map((th) => {
      const st = getComputedStyle(th);
      const inner = th.clientHeight - Number.parseFloat(st.paddingTop) - Number.parseFloat(st.paddingBottom);
      return Math.round(inner / Number.parseFloat(st.lineHeight));
    }),
  );

type Row = { id: number; stability: number; state: string };

describe('Home and Browse layout in Chromium', () => {
  it('Home at 360 and 400 px, en and zh: no sideways scrolling, headers on one line; Today labelled; empty charts say so', async (ctx) => {
    skip(ctx);
    for (const [language, t] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      await s.api('settings.update', { language });
      const browser = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
      try {
        const { page, errors } = browser;
        await page.goto(s.url);
        await page.getByTestId('deck-row').first().waitFor();
        // A fresh collection: nothing reviewed, nothing due.
        await expect
          .poll(() => page.getByTestId('history-chart').textContent())
          .toContain(t.home.historyEmpty);
        expect(await page.getByTestId('forecast-chart').textContent()).toContain(t.home.forecastEmpty);
        expect(await page.locator('.chart-panel svg').count()).toBe(0);
        for (const width of [360, 400]) {
          await page.setViewportSize({ width, height: 800 });
          await expect
            .poll(() => page.evaluate('document.documentElement.scrollWidth'), {
              message: `${language} ${width}`,
            })
            .toBeLessThanOrEqual(width);
          expect(await headerLines(page)).toEqual([1, 1, 1, 1, 1]);
          // Today's numbers each under a label the user can read.
          for (const kind of ['new', 'learning', 'review'] as const) {
            const label = page.locator(`.today-count.count-${kind} dt`);
            expect(await label.isVisible()).toBe(true);
            expect(await label.textContent()).toBe(t.counts[kind]);
          }
        }
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }
  });

  it('Review: the progress bar starts empty, and no top-bar item is marked current', async (ctx) => {
    skip(ctx);
    await s.api('settings.update', { language: 'en' });
    const browser = await launchBrowser();
    try {
      const { page } = browser;
      // Hold the first card back (asked for as the page starts): the bar is drawn before the
      // counts arrive.
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      await page.route('**/api/review.next', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(s.url);
      await page.getByTestId('deck-row').first().waitFor();
      expect(await page.locator('nav [aria-current="page"]').textContent()).toBe(en.nav.home);
      await page.getByRole('button', { name: en.home.studyAll }).click();
      await page.locator('.progress-fill').waitFor({ state: 'attached' });
      expect(await page.locator('.progress-fill').evaluate((el) => (el as HTMLElement).style.width)).toBe(
        '0%',
      );
      expect(await page.locator('nav [aria-current]').count()).toBe(0);
      release();
      await page.getByTestId('card').waitFor();
      expect(await page.locator('.progress-fill').evaluate((el) => (el as HTMLElement).style.width)).toBe(
        '0%',
      );
      expect(await page.locator('nav [aria-current]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('Browse sorts by a column over every card (the API’s order, page 1 and page 2), both ways', async (ctx) => {
    skip(ctx);
    for (let i = 0; i < 12; i++) {
      const next = await s.api<{ card: { id: number } } | null>('review.next');
      if (!next) break;
      await s.api('review.answer', { cardId: next.card.id, rating: [3, 1, 4, 2][i % 4], durationMs: 3000 });
    }
    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: en.nav.browse }).click();
      await page.getByTestId('browse-row').first().waitFor();
      const shownIds = () =>
        page
          .getByTestId('browse-row')
          .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-card-id'))));
      const apiIds = async (descending: boolean, offset: number) =>
        (
          await s.api<{ cards: Row[] }>('cards.search', { sort: 'stability', descending, limit: 50, offset })
        ).cards.map((c) => c.id);
      for (const descending of [false, true]) {
        await page.getByTestId('sort-stability').click();
        const header = page.locator(`th[aria-sort="${descending ? 'descending' : 'ascending'}"]`);
        await expect.poll(() => header.textContent()).toContain(en.browse.columns.stability);
        await expect.poll(shownIds).toEqual(await apiIds(descending, 0));
        await page.getByRole('button', { name: en.browse.next }).click();
        await expect.poll(shownIds).toEqual(await apiIds(descending, 50));
        await page.getByRole('button', { name: en.browse.prev }).click();
      }
      // Back on page 1 (the click above only asks for it), studied cards come first either way;
      // a new card's blank stability sorts last.
      await expect.poll(shownIds).toEqual(await apiIds(true, 0));
      const first = await page.getByTestId('browse-row').first().locator('td.num').first().textContent();
      expect(first).not.toBe(en.common.none);
      for (const column of ['front', 'deck', 'state', 'due', 'difficulty', 'retrievability', 'lapses']) {
        expect(await page.getByTestId(`sort-${column}`).count(), column).toBe(1);
      }
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the card panel: "—" for a new card, minutes for a learning step, code wrapped, the table whole', async (ctx) => {
    skip(ctx);
    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: en.nav.browse }).click();
      await page.getByTestId('browse-search').fill('docker push harbor');
      await expect.poll(() => page.getByTestId('browse-row').count()).toBe(1);
      await page.getByTestId('browse-row').first().getByRole('button').first().click();
      const panel = page.locator('.card-details');
      await panel.locator('dl').waitFor();
      const value = (term: string) =>
        panel.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
      expect(await value(en.card.stability).textContent()).toBe(en.common.none);
      expect(await value(en.card.difficulty).textContent()).toBe(en.common.none);
      // The long commands wrap inside the panel: nothing is cut off at its edge.
      const pre = panel.locator('pre').first();
      expect(await pre.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      // Every column is still there, and its sideways scrollbar (if any) is on screen.
      const region = await page
        .locator('.table-scroll')
        .first()
        .evaluate((el) => ({
          overflows: el.scrollWidth > el.clientWidth,
          bottom: el.getBoundingClientRect().bottom,
          lapses: el.querySelector('[data-testid="sort-lapses"]') !== null,
        }));
      expect(region.lapses).toBe(true);
      if (region.overflows) expect(region.bottom).toBeLessThanOrEqual(800);
      // Answer the card Again: its history shows the learning step as the button did, in minutes.
      const id = Number(await page.getByTestId('browse-row').first().getAttribute('data-card-id'));
      await s.api('review.answer', { cardId: id, rating: 1, durationMs: 2000 });
      await panel.getByRole('button', { name: en.common.close }).click();
      await page.getByTestId('browse-row').first().getByRole('button').first().click();
      await expect.poll(() => panel.locator('table.log tbody td.num').first().textContent()).toBe('1m');
      // At a phone's width the panel goes under the table and the page does not scroll sideways.
      await page.setViewportSize({ width: 380, height: 800 });
      await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(380);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
