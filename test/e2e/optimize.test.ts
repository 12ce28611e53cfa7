/**
 * Settings → FSRS parameters in the real app: Optimize on a large seeded review log (a
 * simulated student, answered through the real answer path), the before/after scores on
 * screen, Apply and Revert; pasted parameters checked in Chinese; the retention simulation.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { TestClock } from '../helpers/collection.ts';
import { simulateLearner } from '../helpers/learner.ts';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'mnemo-e2e-optimize-'));
  const clock = new TestClock(Date.parse('2026-06-01T09:00:00+08:00'));
  const m = Object.assign(openMnemo({ dataDir, clock: clock.read }), { clock });
  m.api.presets.update({ presetId: 1, leechThreshold: 99, newPerDay: 9999, reviewsPerDay: 9999 });
  const deckId = m.api.decks.create({ name: 'Student' }).id;
  const cardIds = m.col.tx(() =>
    Array.from(
      { length: 600 },
      (_, i) => m.api.notes.add({ deckId, kind: 'basic', fields: { front: `q${i}`, back: `a${i}` } }).cardIds,
    ).flat(),
  );
  simulateLearner(m, { deckId, cardIds, days: 90, newPerDay: 15, seed: 7 });
  m.api.presets.update({ presetId: 1, newPerDay: 20, reviewsPerDay: 200 });
  m.close();
  s = await startServer(dataDir);
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

describe('Optimize in Settings', () => {
  it('runs Optimize from the UI, shows the before/after numbers, applies and reverts', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    await s.api('settings.update', { language: 'en' });
    const browser = await launchBrowser();
    try {
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: en.nav.settings }).click();
      const panel = page.getByTestId('optimize-panel');
      const status = await s.api<{ answers: number; answeredCards: number; items: number }>(
        'optimize.status',
        {
          presetId: 1,
        },
      );
      expect(status.answers).toBeGreaterThan(5000);
      await expect
        .poll(() => panel.getByTestId('optimize-history').textContent())
        .toBe(en.optimize.history(status.answers, status.answeredCards, status.items));
      await panel.getByRole('button', { name: en.optimize.run, exact: true }).click();
      const result = panel.getByTestId('optimize-result');
      await result.waitFor({ timeout: 60_000 });
      const cells = async (row: string) =>
        (await panel.getByTestId(row).locator('td').allTextContents()).map((x) => Number(x));
      const [currentLoss, currentRmse] = await cells('optimize-current');
      const [fittedLoss, fittedRmse] = await cells('optimize-fitted');
      expect(await panel.getByTestId('optimize-current').locator('th').textContent()).toBe(
        en.optimize.inUseDefaults,
      );
      expect(fittedLoss).toBeLessThan(currentLoss!);
      expect(fittedRmse).toBeGreaterThan(0);
      expect(currentRmse).toBeGreaterThan(0);
      expect(await result.getByRole('status').textContent()).toBe(en.optimize.better);
      await page.screenshot({ path: 'test-results/screenshots/optimize-result-en.png', fullPage: true });

      await panel.getByRole('button', { name: en.optimize.apply }).click();
      await expect.poll(() => panel.getByTestId('optimize-message').textContent()).toBe(en.optimize.applied);
      const applied = await s.api<{ fsrsWeights: number[] | null }>('presets.get', { presetId: 1 });
      expect(applied.fsrsWeights).toHaveLength(21);
      await expect
        .poll(() => page.getByTestId('fsrs-params').inputValue())
        .toBe(applied.fsrsWeights!.join(', '));

      await panel.getByRole('button', { name: en.optimize.revert }).click();
      await expect.poll(() => panel.getByTestId('optimize-message').textContent()).toBe(en.optimize.reverted);
      expect((await s.api<{ fsrsWeights: null }>('presets.get', { presetId: 1 })).fsrsWeights).toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('zh: bad pasted parameters are named one by one in Chinese and nothing is saved; the simulation suggests a retention', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    await s.api('settings.update', { language: 'zh' });
    const browser = await launchBrowser({ locale: 'zh-CN' });
    try {
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: zh.nav.settings }).click();
      const box = page.getByTestId('fsrs-params');
      const bad = (await box.inputValue()).split(', ');
      bad[4] = '12';
      bad[9] = 'x';
      await box.fill(bad.join(', '));
      await page.getByRole('button', { name: zh.optimize.saveParams }).click();
      await expect
        .poll(() => page.getByTestId('fsrs-params-errors').locator('li').allTextContents())
        .toEqual([zh.optimize.notANumber(9, 'x')]);
      bad[9] = '0.1666';
      await box.fill(bad.join(', '));
      await page.getByRole('button', { name: zh.optimize.saveParams }).click();
      await expect
        .poll(() => page.getByTestId('fsrs-params-errors').locator('li').allTextContents())
        .toEqual([zh.optimize.outOfRange(4, 1, 10)]);
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      expect((await s.api<{ fsrsWeights: null }>('presets.get', { presetId: 1 })).fsrsWeights).toBeNull();

      await page.getByRole('button', { name: zh.optimize.simulate }).click();
      const suggested = page.getByTestId('retention-suggested');
      await suggested.waitFor({ timeout: 30_000 });
      expect(await suggested.textContent()).toMatch(/^工作量最优：\d+%/);
      expect(await page.getByTestId('retention-table').locator('tbody tr').count()).toBe(28);
      await page.screenshot({ path: 'test-results/screenshots/optimize-simulation-zh.png', fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
