/**
 * The way to the first card (README → Start-up): Home's charts are asked for only after the
 * deck list has answered, so "Study all" never waits behind them, and still show; a deck
 * studied as soon as its button is there paints its first card with the Markdown rendered;
 * "Study all"'s first card is asked for as the page starts and shown on the click without
 * another call.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable } from './harness.ts';

const env = serverAndBrowser();

describe('the first card', () => {
  it('Home asks for the charts after the deck list has answered; counts and charts show', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    const deckId = (await s.api<{ id: number }>('decks.create', { name: 'Order' })).id;
    for (let i = 0; i < 3; i++)
      await s.api('notes.add', { deckId, kind: 'basic', fields: { front: `o${i}`, back: 'a' } });
    const requested: string[] = [];
    const onRequest = (r: { url(): string }) => requested.push(new URL(r.url()).pathname);
    page.on('request', onRequest);
    // The deck list's answer is held until the rest of Home has asked for what it needs.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/decks.list', async (route) => {
      await held;
      await route.continue();
    });
    try {
      const today = page.waitForResponse((r) => r.url().endsWith('/api/stats.today'));
      const exams = page.waitForResponse((r) => r.url().endsWith('/api/exams.list'));
      await page.goto(s.url);
      await today;
      await exams;
      // Home's other calls have been answered: the charts (their chunk, their calls) wait.
      expect(requested.filter((p) => /HomeCharts|stats\.(forecast|history)/.test(p))).toEqual([]);
      release();
      await page.getByTestId('forecast-chart').waitFor();
      await page.getByTestId('history-chart').waitFor();
    } finally {
      release();
      await page.unroute('**/api/decks.list');
      page.off('request', onRequest);
    }
    expect(requested).toContain('/api/stats.forecast');
    expect(requested).toContain('/api/stats.history');
    // The deck list and today's panel answered side by side still show the right numbers.
    const row = page.locator('[data-testid="deck-row"][data-deck-name="Order"]');
    await expect.poll(() => row.getByTestId('count-new').textContent()).toBe('3');
    expect(errors).toEqual([]);
  });

  it('paints its first card with the Markdown already rendered (never an empty side)', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    const deckId = (await s.api<{ id: number }>('decks.create', { name: 'Painted' })).id;
    await s.api('notes.add', {
      deckId,
      kind: 'basic',
      fields: { front: 'A **bold** word and `code`', back: 'b' },
    });
    // The card side's HTML at the moment it is first in the page.
    await page.addInitScript(`new MutationObserver((_, o) => {
      const side = document.querySelector('[data-testid="card-front"]');
      if (side) { window.__firstFront = side.innerHTML; o.disconnect(); }
    }).observe(document, { subtree: true, childList: true })`);
    await page.goto(s.url);
    // Straight to the deck, as soon as its button is there.
    await page.getByRole('button', { name: /^Study Painted/ }).click();
    await page.getByTestId('card-front').waitFor();
    const first = (await page.evaluate('window.__firstFront')) as string;
    expect(first).toContain('<strong>bold</strong>');
    expect(first).toContain('<code>code</code>');
    expect(errors).toEqual([]);
  });

  it('"Study all" is in the page by DOMContentLoaded, and shows the card asked for at the start without another call', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    const deckId = (await s.api<{ id: number }>('decks.create', { name: 'Prefetched' })).id;
    await s.api('notes.add', { deckId, kind: 'basic', fields: { front: 'asked early', back: 'b' } });
    const expected = (await s.api<{ card: { id: number } }>('review.next')).card.id;
    const asked: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) asked.push(path.slice(5));
    };
    page.on('request', onRequest);
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
      window.__studyAllAtLoad = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Study all');
    })`);
    try {
      const prefetched = page.waitForResponse((r) => r.url().endsWith('/api/review.next') && r.ok());
      await page.goto(s.url);
      expect(await page.evaluate('window.__studyAllAtLoad')).toBe(true);
      await prefetched;
      // It was the page's first call, before Home's.
      expect(asked[0]).toBe('review.next');
      const before = asked.length;
      await page.getByRole('button', { name: 'Study all' }).click();
      const card = page.getByTestId('card');
      await expect.poll(() => card.getAttribute('data-side')).toBe('front');
      expect(Number(await card.getAttribute('data-card-id'))).toBe(expected);
      expect(asked.slice(before)).not.toContain('review.next');
      // The next card is asked for as always, after the answer.
      await page.keyboard.press('Space');
      const next = page.waitForResponse((r) => r.url().endsWith('/api/review.next') && r.ok());
      await page.keyboard.press('3');
      await next;
    } finally {
      page.off('request', onRequest);
    }
    expect(errors).toEqual([]);
  });
});
