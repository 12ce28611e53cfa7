import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable, mnemoCli } from './harness.ts';

const env = serverAndBrowser();
const skipWithoutChromium = (ctx: { skip: (c: boolean, note?: string) => void }) =>
  ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');

/** Controls without an accessible name (aria-label, label, text, title), as "tag#testid" strings. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex]')) {
      if (el.closest('[hidden], [aria-hidden="true"]')) continue;
      const labelled = el.getAttribute('aria-labelledby');
      const byLabel = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
      const name = (el.getAttribute('aria-label') || (labelled && document.getElementById(labelled)?.textContent) ||
        (el.closest('label')?.textContent) || (byLabel && byLabel.textContent) || el.textContent ||
        el.getAttribute('title') || el.getAttribute('placeholder') || '').trim();
      if (!name) out.push(el.tagName.toLowerCase() + '#' + (el.getAttribute('data-testid') || el.className));
    }
    return out;
  })()`);
}

/** Tabs through the page; every focused control must show a visible focus indicator. */
async function focusIsVisible(page: Page, steps = 12): Promise<string[]> {
  const invisible: string[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    const verdict = await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'ok';
      const st = getComputedStyle(el);
      const visible = (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
      return visible ? 'ok' : el.tagName.toLowerCase() + ':' + (el.textContent || '').trim().slice(0, 30);
    })()`);
    if (verdict !== 'ok') invisible.push(String(verdict));
  }
  return invisible;
}

describe('the app in Chromium', () => {
  it('works from the keyboard alone, every control named, focus always visible', async (ctx) => {
    skipWithoutChromium(ctx);
    const { s, browser } = env;
    const { page, errors } = browser;
    await page.goto(s.url);
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await focusIsVisible(page)).toEqual([]);
    await page.getByRole('button', { name: 'Study all' }).focus();
    await page.keyboard.press('Enter');
    const card = page.getByTestId('card');
    let lastAnswered = 0;
    for (let i = 0; i < 5; i++) {
      await expect.poll(() => card.getAttribute('data-side')).toBe('front');
      lastAnswered = Number(await card.getAttribute('data-card-id'));
      await page.keyboard.press('Space');
      await expect.poll(() => card.getAttribute('data-side')).toBe('back');
      expect(await unnamedControls(page)).toEqual([]);
      const next = page.waitForResponse((r) => r.url().endsWith('/api/review.next'));
      await page.keyboard.press(String((i % 4) + 1));
      await next;
    }
    const undo = page.waitForResponse((r) => r.url().endsWith('/api/review.undo') && r.ok());
    // The undone card comes back with the next review.next: wait for it, not just for the undo.
    const undoneShown = page.waitForResponse((r) => r.url().endsWith('/api/review.next') && r.ok());
    await page.keyboard.press('Control+z');
    await undo;
    await undoneShown;
    await expect.poll(async () => Number(await card.getAttribute('data-card-id'))).toBe(lastAnswered);
    expect(await focusIsVisible(page, 8)).toEqual([]);
    // Anki's Space twice: show the answer, then answer Good (with no button focused, since
    // Space on a focused button presses that button).
    await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
    await expect.poll(() => card.getAttribute('data-side')).toBe('front');
    const spaced = lastAnswered;
    await page.keyboard.press('Space');
    await expect.poll(() => card.getAttribute('data-side')).toBe('back');
    const good = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
    await page.keyboard.press('Space');
    await good;
    const log = (await s.api<{ log: { rating: number }[] }>('cards.get', { cardId: spaced })).log;
    expect(log.at(-1)!.rating).toBe(3);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    const today = await s.api<{ studied: number }>('stats.today');
    expect(today.studied).toBe(5);
    expect(errors).toEqual([]);
  });

  it('renders hostile card content inert: no script runs, no handler survives', async (ctx) => {
    skipWithoutChromium(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'mnemo-xss-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'xss.md'),
      [
        '---',
        'deck: XSS',
        '---',
        'Hostile <img src=x onerror="window.__xss=1"> front',
        '?',
        '<script>window.__xss=2</script><b onclick="window.__xss=3">back</b>',
        '',
      ].join('\n'),
    );
    const { s } = env;
    // The API compiles only registered deck folders: register this one as the user would.
    expect(mnemoCli(['decks', 'add', dir, '--data', s.dataDir]).status).toBe(0);
    const report = await s.api<{ errors: unknown[] }>('decks.compile', { paths: [dir] });
    expect(report.errors).toEqual([]);
    const { page } = env.browser;
    await page.goto(`${s.origin}/`);
    const deck = page.locator('[data-testid="deck-row"][data-deck-name="XSS"]');
    await deck.getByRole('button', { name: /^Study XSS/ }).click();
    const card = page.getByTestId('card');
    await expect.poll(() => card.getAttribute('data-side')).toBe('front');
    await page.keyboard.press('Space');
    await expect.poll(() => card.getAttribute('data-side')).toBe('back');
    await page.waitForTimeout(200);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await card.locator('script').count()).toBe(0);
    expect(await card.locator('[onerror], [onclick]').count()).toBe(0);
    expect(await page.getByTestId('card-back').textContent()).toContain('back');
  });
});
