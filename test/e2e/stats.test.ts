import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable, launchBrowser } from './harness.ts';

const env = serverAndBrowser();
const OUT = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Today's study day as the app names it (day start 04:00, this machine's zone, which the browser shares). */
function studyDayName(t = Date.now()): string {
  const d = new Date(t);
  if (d.getHours() < 4) d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('the Stats screen in the browser', () => {
  it('shows 30 answers today on the Docker decks, per deck too, from the keyboard; screenshots in both languages and themes', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    for (let i = 0; i < 30; i++) {
      const next = await s.api<{ card: { id: number } } | null>('review.next');
      if (!next) throw new Error('ran out of cards');
      await s.api('review.answer', {
        cardId: next.card.id,
        rating: [3, 1, 4, 3, 2][i % 5],
        durationMs: 6000,
      });
    }

    await page.goto(s.url);
    // The top bar's Stats item, reached and pressed from the keyboard.
    const nav = page.getByRole('navigation').getByRole('button', { name: 'Stats' });
    await nav.focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('stats-summary');
    await summary.waitFor();
    expect(await page.getByTestId('stats-period-answers').textContent()).toBe('30');
    // The heatmap is drawn (SVG) and its table has today with 30 reviews.
    const calendar = page.getByTestId('stats-calendar');
    await calendar.locator('svg').first().waitFor();
    await calendar.getByText('Show as table').focus();
    await page.keyboard.press('Enter');
    const today = calendar.getByRole('row', { name: new RegExp(studyDayName()) });
    expect(await today.getByRole('cell').textContent()).toBe('30');
    // True retention: 30 answers of new cards are all learning: nothing to count yet.
    expect(
      await page.getByTestId('stats-retention').getByRole('row', { name: /Today/ }).textContent(),
    ).toMatch(/—.*—.*—/);

    // One deck: its answers only, the same count as the API gives.
    const { decks } = await s.api<{ decks: { id: number; name: string; parentId: number | null }[] }>(
      'decks.list',
    );
    const deck = decks.find((d) => d.parentId !== null)!;
    const api = await s.api<{ reviews: { days: { reviews: number }[] } }>('stats.screen', {
      deckId: deck.id,
    });
    await page.getByTestId('stats-scope').selectOption(`deck:${deck.id}`);
    await expect
      .poll(() => page.getByTestId('stats-period-answers').textContent())
      .toBe(String(api.reviews.days.at(-1)!.reviews));
    expect(errors).toEqual([]);
  });

  it('reads in both languages and themes at 1280 and 380 px, with no axe violation', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s } = env;
    mkdirSync(OUT, { recursive: true });
    for (const language of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await s.api('settings.update', { language, theme });
        const b = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
        try {
          const { page, errors } = b;
          await page.goto(s.url);
          await page
            .getByRole('navigation')
            .getByRole('button', { name: language === 'zh' ? '统计' : 'Stats' })
            .click();
          await page.getByTestId('stats-calendar').locator('svg').first().waitFor();
          for (const width of [1280, 380]) {
            await page.setViewportSize({ width, height: 800 });
            await page.waitForTimeout(300); // the charts follow their boxes' new size
            await page.screenshot({ path: `${OUT}${language}-${theme}-stats-${width}.png`, fullPage: true });
            // No sideways scrolling at either width.
            expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
            // Every label drawn whole inside its chart, and no two legend entries on top of
            // each other (labels measured in another font than drawn were clipped and overlapped).
            expect(await page.evaluate(CLIPPED_OR_OVERLAPPING_LABELS)).toEqual([]);
          }
          await page.setViewportSize({ width: 1280, height: 800 });
          expect(await axeViolations(page)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await b.close();
        }
      }
    }
  });
});

/** Runs in the page: the chart texts drawn outside their SVG, and legend texts (the row above
 * the plot) that overlap a neighbour, each named. */
const CLIPPED_OR_OVERLAPPING_LABELS = `(() => {
  const bad = [];
  for (const svg of document.querySelectorAll('.stats-chart svg')) {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')]
      .map((el) => ({ text: el.textContent, r: el.getBoundingClientRect() }))
      .filter((t) => t.text && t.r.width > 0);
    for (const t of texts) {
      if (t.r.left < box.left - 1 || t.r.right > box.right + 1) bad.push('clipped: ' + t.text);
    }
    // The legend row: no entry's text runs into another entry's icon or text.
    const inRow = (r) => r.width > 0 && r.bottom - box.top < 24;
    const legend = texts.filter((t) => inRow(t.r));
    // Drawn shapes only: an entry's transparent hit area spans its icon and text.
    const drawn = (el) => !['none', 'transparent'].includes(el.getAttribute('fill') ?? 'none') || el.getAttribute('stroke');
    const icons = [...svg.querySelectorAll('path, circle, rect')]
      .filter(drawn)
      .map((el) => el.getBoundingClientRect())
      .filter((r) => inRow(r) && r.width < box.width / 2);
    for (const t of legend) {
      const hit = (r) => r.left < t.r.right - 1 && t.r.left < r.right - 1 && r.top < t.r.bottom && t.r.top < r.bottom;
      if (icons.some(hit) || legend.some((o) => o !== t && hit(o.r))) bad.push('overlapping: ' + t.text);
    }
  }
  return bad;
})()`;
