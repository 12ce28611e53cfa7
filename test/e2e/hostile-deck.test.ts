/**
 * Issue 7, end to end: the hostile deck compiled by the real `mnemo compile`, then reviewed
 * in Chromium against the real `mnemo serve`, with media an older Mnemo could have left
 * behind. Page-level checks: no script of the deck ran (a binding every page of the browser
 * has is never called, no flag is set, no dialog opens) and every API call came from the app
 * page itself, for a method the app uses.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_METHODS } from '../../electron/ipc.ts';
import { hostileDeck } from '../helpers/hostile-deck.ts';
import { chromiumAvailable, launchBrowser, mnemoCli, type Served, startServer } from './harness.ts';

const OLD_MEDIA = fileURLToPath(new URL('../fixtures/hostile-deck/old-media', import.meta.url));

let base: string;
let deck: string;
let s: Served;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const pwned: string[] = [];
const dialogs: string[] = [];
const apiCalls: { method: string; fromApp: boolean }[] = [];

beforeAll(async () => {
  if (!chromiumAvailable) return;
  base = mkdtempSync(join(tmpdir(), 'mnemo-hostile-'));
  deck = hostileDeck(join(base, 'deck'));
  const dataDir = join(base, 'data');
  mkdirSync(dataDir);
  const all = mnemoCli(['compile', deck, '--data', dataDir]);
  expect(all.status).toBe(1);
  expect(all.stdout).toMatch(/nothing was changed/);
  const kept = mnemoCli(['compile', deck, '--keep-going', '--data', dataDir]);
  expect(kept.stderr).toMatch(/images\.md:12:7: image fifo is not a regular file/);
  expect(kept.stdout).toMatch(/html\.md: notes: 4 added/);
  cpSync(OLD_MEDIA, join(dataDir, 'media'), { recursive: true });
  s = await startServer(dataDir);
  browser = await launchBrowser();
  const { context, page } = browser;
  // Every page and frame of this browser gets window.__pwned; the deck's scripts call it.
  await context.exposeBinding('__pwned', (_source, what: string) => {
    pwned.push(what);
  });
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/api/')) return;
    let fromApp = false;
    try {
      fromApp = req.frame().page() === page && req.frame() === page.mainFrame();
    } catch {
      // a request from a worker has no frame: not the app's
    }
    apiCalls.push({ method: url.pathname.slice(5), fromApp });
  });
  const onDialog = (p: Page) =>
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  onDialog(page);
  context.on('page', onDialog);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('a hostile deck, compiled and reviewed in Chromium (issue 7)', () => {
  it('the API will not compile the deck folder until the user registers it', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    await expect(s.api('decks.compile', { paths: [deck] })).rejects.toMatchObject({ status: 400 });
    await expect(s.api('decks.compile', { paths: ['/etc'] })).rejects.toMatchObject({ status: 400 });
  });

  it('reviews every card, opens its links, and nothing of the deck runs', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { page, context, errors } = browser;
    await page.goto(s.url);
    await page.getByRole('button', { name: 'Study all' }).click();
    const card = page.getByTestId('card');
    let reviewed = 0;
    let imagesSeen = 0;
    while (reviewed < 10) {
      await page.waitForSelector('[data-testid="card"][data-side="front"], [data-testid="finished"]');
      if ((await page.getByTestId('finished').count()) > 0) break;
      await page.keyboard.press('Space');
      await expect.poll(() => card.getAttribute('data-side')).toBe('back');
      for (const img of await card.locator('img[src^="media/"][src$=".png"]').all()) {
        // The real image (a 1×1 PNG) is shown: media serving still works for images.
        await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
        imagesSeen++;
      }
      for (const link of await card.locator('a[href^="media/"]').all()) {
        const popup = context.waitForEvent('page', { timeout: 5_000 }).catch(() => null);
        await link.click();
        const opened = await popup;
        await opened?.waitForLoadState().catch(() => {});
      }
      await page.waitForTimeout(300);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
      await page.keyboard.press('4');
      await answered;
      reviewed++;
    }

    // Opened on their own, the old media still run nothing (a download, or a sandboxed SVG).
    for (const name of ['legacy.svg', 'legacy.html', 'legacy.js']) {
      const p = await context.newPage();
      await p.goto(`${s.origin}/media/${name}`).catch(() => {});
      await p.waitForTimeout(300);
      await p.close();
    }

    expect(pwned).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate('window.__deckRan')).toBeUndefined();
    expect(apiCalls.filter((c) => !c.fromApp || !RENDERER_METHODS.has(c.method))).toEqual([]);
    expect(apiCalls.map((c) => c.method)).not.toContain('cards.reset');
    expect(errors).toEqual([]);
    expect(reviewed).toBe(4);
    expect(imagesSeen).toBe(2); // the two real-image cards
    // The collection holds exactly the four answers given, and no card was reset.
    const today = await s.api<{ studied: number }>('stats.today');
    expect(today.studied).toBe(4);
  });
});

describe('Settings: deck folders and Compile now (issue 7)', () => {
  it('lists a folder added with mnemo decks add; Compile now shows file:line:col errors and changes nothing', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { page } = browser;
    expect(mnemoCli(['decks', 'add', deck, '--data', s.dataDir]).status).toBe(0);
    const before = await s.api<{ decks: unknown[] }>('decks.list');
    await page.goto(`${s.origin}/`);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.getByTestId('deck-folders');
    await expect.poll(() => section.locator('.folder-list code').allTextContents()).toEqual([deck]);
    // Browser mode has no folder dialog: it says how to add one.
    expect(await section.textContent()).toContain('mnemo decks add PATH');
    await section.getByRole('button', { name: 'Compile now' }).click();
    const result = page.getByTestId('compile-result');
    await expect.poll(() => result.textContent()).toMatch(/^12 errors: nothing was changed/);
    expect(await result.locator('li').allTextContents()).toContain(
      `${join(deck, 'images.md')}:12:7: image fifo is not a regular file (a device, FIFO or socket)`,
    );
    expect(await s.api('decks.list')).toEqual(before);
    await section.getByRole('button', { name: `Remove ${deck}` }).click();
    await expect.poll(() => section.locator('.folder-list code').count()).toBe(0);
    expect(await section.textContent()).toContain('No deck folders yet.');
  });
});
