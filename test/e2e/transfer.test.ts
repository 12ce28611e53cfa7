import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable } from './harness.ts';

const env = serverAndBrowser();
const CATTHEORY = fileURLToPath(new URL('../fixtures/anki/cattheory.apkg', import.meta.url));

describe('export and import dialogs', () => {
  it('exports the Docker decks as an Anki package with history: the file arrives', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    await page.goto(s.url);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Anki package (.apkg), for Anki and AnkiDroid').check();
    expect(await dialog.getByLabel('Include scheduling and review history').isChecked()).toBe(true);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Mnemo-.*\.apkg$/);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1')); // a zip
    expect(statSync(path).size).toBeGreaterThan(10_000);
    // Every card of the bundled decks, however many this version ships.
    const db = new Database(join(s.dataDir, 'collection.sqlite'), { readonly: true });
    const cards = db.prepare('SELECT count(*) FROM cards WHERE retired = 0').pluck().get() as number;
    db.close();
    expect(cards).toBeGreaterThan(500);
    await expect
      .poll(() => dialog.getByTestId('export-result').textContent())
      .toMatch(new RegExp(`\\b${cards} cards`));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('imports an Anki package: the preview says what will happen, nothing changes until Import', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    const before = await s.api<{ decks: { name: string }[] }>('decks.list');
    await page.goto(s.url);
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByLabel('Choose a file…').setInputFiles(CATTHEORY);
    const preview = dialog.getByTestId('import-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 15_000 }).toBe(true);
    const row = (label: string) => preview.locator('tr', { hasText: label }).locator('td');
    expect(await row('Notes added').textContent()).toBe('11');
    expect(await row('Review history rows').textContent()).toBe('36');
    // Previewed only: the collection has not changed.
    expect((await s.api<{ decks: unknown[] }>('decks.list')).decks).toHaveLength(before.decks.length);

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const result = dialog.getByTestId('import-result');
    await expect.poll(() => result.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await result.locator('tr', { hasText: 'Notes added' }).locator('td').textContent()).toBe('11');
    const after = await s.api<{ decks: { name: string; totalCards: number }[] }>('decks.list');
    expect(after.decks.length).toBeGreaterThan(before.decks.length);
    // The Home deck list shows the new decks once the dialog closes.
    await dialog.getByRole('button', { name: 'Close' }).click();
    const added = after.decks.find((d) => !before.decks.some((b) => b.name === d.name))!;
    await expect
      .poll(() => page.locator(`[data-testid="deck-row"][data-deck-name="${added.name}"]`).count())
      .toBe(1);
    expect(errors).toEqual([]);
  });
});
