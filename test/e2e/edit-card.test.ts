import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable, mnemoCli } from './harness.ts';

const env = serverAndBrowser();
const skipWithoutChromium = (ctx: { skip: (c: boolean, note?: string) => void }) =>
  ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mnemo-edit-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'ports.md');
// CRLF, as a deck written on Windows: the edit must keep it.
const DECK = ['---', 'deck: Ports', '---', '# 端口', '', 'port of ssh::22', '', 'port of http::80', ''].join(
  '\r\n',
);

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

type Details = { card: { id: number; front: string; back: string }; log: { rating: number }[] };

describe('editing a card from the app, written back to its Markdown file (Chromium)', () => {
  it('edits the card on screen in Review: the file has the new text, the card keeps its history', async (ctx) => {
    skipWithoutChromium(ctx);
    const { s, browser } = env;
    const { page, errors } = browser;
    writeFileSync(file, DECK);
    expect(mnemoCli(['decks', 'add', dir, '--data', s.dataDir]).status).toBe(0);
    expect((await s.api<{ errors: unknown[] }>('decks.compile', { paths: [dir] })).errors).toEqual([]);
    const found = await s.api<{ cards: { id: number }[] }>('cards.search', { text: 'port of ssh' });
    const id = found.cards[0]!.id;
    const http = (await s.api<{ cards: { id: number }[] }>('cards.search', { text: 'port of http' }))
      .cards[0]!.id;
    // History first: answered Again, it is a learning card due within the learn-ahead limit;
    // the other card, answered Easy, is not due today, so this one is the card on screen.
    await s.api('review.answer', { cardId: id, rating: 1, durationMs: 3000 });
    await s.api('review.answer', { cardId: http, rating: 4, durationMs: 3000 });

    await page.goto(s.url);
    const deck = page.locator('[data-testid="deck-row"][data-deck-name="Ports"]');
    await deck.getByRole('button', { name: /^Study Ports/ }).click();
    const card = page.getByTestId('card');
    await expect.poll(() => card.getAttribute('data-card-id')).toBe(String(id));

    // `e` opens the editor on the text as written in the file, with a live preview.
    await page.keyboard.press('e');
    const dialog = page.getByTestId('edit-dialog');
    await dialog.waitFor();
    const front = dialog.getByTestId('edit-front');
    expect(await front.inputValue()).toBe('port of ssh');
    expect(await dialog.getByTestId('edit-back').inputValue()).toBe('22');
    await front.fill('Which TCP port does **SSH** listen on?');
    await dialog.getByTestId('edit-back').fill('`22`');
    await expect.poll(() => dialog.getByTestId('edit-preview').locator('strong').textContent()).toBe('SSH');
    // Keys typed in the editor are text, not review actions.
    expect(await card.getAttribute('data-side')).toBe('front');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/notes.edit'));
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await saved).ok()).toBe(true);
    await dialog.waitFor({ state: 'detached' });

    // The card on screen shows the new text, and is the same card.
    await expect
      .poll(async () => (await page.getByTestId('card-front').textContent())?.trim())
      .toBe('Which TCP port does SSH listen on?');
    expect(await card.getAttribute('data-card-id')).toBe(String(id));
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('card-back').locator('code').textContent()).toBe('22');

    // On disk: that card's line only, CRLF kept, with an id that keeps it matched from now on.
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[5]).toMatch(/^Which TCP port does \*\*SSH\*\* listen on\?::`22` \^id-[0-9a-f]{8}$/);
    expect([...lines.slice(0, 5), ...lines.slice(6)]).toEqual([
      ...DECK.split('\r\n').slice(0, 5),
      ...DECK.split('\r\n').slice(6),
    ]);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    // Its history is the same card's: the answer made before the edit is still there.
    const details = await s.api<Details>('cards.get', { cardId: id });
    expect(details.card.front).toBe('Which TCP port does **SSH** listen on?');
    expect(details.log.map((r) => r.rating)).toEqual([1]);

    // Grading it now adds to that history.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/review.answer'));
    await page.keyboard.press('3');
    expect((await answered).ok()).toBe(true);
    expect((await s.api<Details>('cards.get', { cardId: id })).log.map((r) => r.rating)).toEqual([1, 3]);
    expect(errors).toEqual([]);
  });

  it('refuses, in words, to edit a card whose file changed on disk since it was compiled', async (ctx) => {
    skipWithoutChromium(ctx);
    const { s, browser } = env;
    const { page } = browser;
    const found = await s.api<{ cards: { id: number }[] }>('cards.search', { text: 'port of http' });
    appendFileSync(file, '\r\nport of smtp::25\r\n'); // edited in the user's editor, not compiled
    const before = readFileSync(file, 'utf8');
    await page.goto(`${s.origin}/`);
    await page.getByRole('button', { name: 'Browse' }).click();
    await page.getByPlaceholder('Search text').fill('port of http');
    await page.getByRole('button', { name: /^Open card: port of http/ }).click();
    await page.locator('.card-details').getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByTestId('edit-dialog');
    await expect
      .poll(() => dialog.getByTestId('edit-problem').textContent())
      .toContain('changed on disk since it was compiled');
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await s.api<Details>('cards.get', { cardId: found.cards[0]!.id })).card.front).toBe(
      'port of http',
    );
  });

  it('adds a card from Browse to a deck file: appended in the syntax and compiled', async (ctx) => {
    skipWithoutChromium(ctx);
    const { s, browser } = env;
    const { page } = browser;
    await s.api('decks.compile', { paths: [dir] }); // takes in the edit of the test before
    const before = readFileSync(file, 'utf8');
    await page.goto(`${s.origin}/`);
    await page.getByRole('button', { name: 'Browse' }).click();
    await page.getByRole('button', { name: 'Add card…' }).click();
    const dialog = page.getByTestId('add-dialog');
    await dialog.getByTestId('add-file').selectOption(file);
    await dialog.getByTestId('add-kind').selectOption('cloze');
    await dialog.getByTestId('edit-text').fill('DNS answers on port ==53==.');
    await expect
      .poll(() => dialog.getByTestId('edit-preview').locator('mark').first().textContent())
      .toBe('[...]');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(readFileSync(file, 'utf8')).toBe(`${before}\r\nDNS answers on port ==53==.\r\n`);
    const found = await s.api<{ cards: { front: string }[] }>('cards.search', { text: 'DNS answers' });
    expect(found.cards).toHaveLength(1);
  });

  it('speaks Chinese: the editor, its preview and its refusal, at desktop and phone widths', async (ctx) => {
    skipWithoutChromium(ctx);
    const { s, browser } = env;
    const { page, errors } = browser;
    await s.api('settings.update', { language: 'zh' });
    try {
      await page.goto(`${s.origin}/`);
      await page.getByRole('button', { name: '浏览' }).click();
      await page.getByPlaceholder('搜索文字').fill('DNS answers');
      await page
        .getByRole('button', { name: /DNS answers/ })
        .first()
        .click();
      await page.locator('.card-details').getByRole('button', { name: '编辑' }).click();
      const dialog = page.getByTestId('edit-dialog');
      expect(await dialog.getByTestId('edit-text').inputValue()).toBe('DNS answers on port ==53==.');
      await dialog.getByTestId('edit-text').fill('DNS 默认使用 ==53== 端口。');
      await expect.poll(() => dialog.getByTestId('edit-preview').locator('mark').count()).toBe(2);
      mkdirSync(SHOTS, { recursive: true });
      for (const width of [1280, 380]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SHOTS}zh-light-edit-card-${width}.png`, fullPage: true });
        // The dialog fits the phone's width: nothing to scroll sideways.
        expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
      }
      await page.setViewportSize({ width: 1200, height: 800 });
      // Changed on disk meanwhile: Save is refused with the reason in Chinese, nothing written.
      appendFileSync(file, '\r\nport of ftp::21\r\n');
      const before = readFileSync(file, 'utf8');
      await dialog.getByRole('button', { name: '保存' }).click();
      await expect
        .poll(() => dialog.getByTestId('edit-error').textContent())
        .toContain('在编译之后已在磁盘上被修改');
      expect(readFileSync(file, 'utf8')).toBe(before);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } finally {
      await s.api('settings.update', { language: null });
    }
  });
});
