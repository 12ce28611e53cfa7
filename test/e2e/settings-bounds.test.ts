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

describe('preset bounds in the settings form', () => {
  for (const [language, dict] of [
    ['en', en],
    ['zh', zh],
  ] as const) {
    it(`${language}: a step past a year and a negative limit are shown next to their fields; nothing is saved`, async (ctx) => {
      ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
      await s.api('settings.update', { language });
      const browser = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
      try {
        const { page, errors } = browser;
        await page.goto(s.url);
        await page.getByRole('button', { name: dict.nav.settings }).click();
        await page.locator('#preset-learningSteps').fill('1m 99999999999999999999d');
        await page.locator('#preset-newPerDay').fill('-5');
        await page.getByRole('button', { name: dict.settings.savePreset }).click();
        await expect
          .poll(() => page.locator('#preset-learningSteps-error').textContent())
          .toBe(dict.settings.stepTooLong('99999999999999999999d'));
        expect(await page.locator('#preset-newPerDay-error').textContent()).toBe(
          dict.settings.notInRange(0, 9999),
        );
        expect(await page.locator('#preset-learningSteps').getAttribute('aria-invalid')).toBe('true');
        const preset = await s.api<{ learningSteps: string; newPerDay: number }>('presets.get', {
          presetId: 1,
        });
        expect(preset).toMatchObject({ learningSteps: '1m 10m', newPerDay: 20 });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
