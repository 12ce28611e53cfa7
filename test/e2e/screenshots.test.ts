import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

const OUT = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let s: Served;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  s = await startServer();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await s?.stop();
});

const TEXT = {
  en: {
    home: 'Home',
    browse: 'Browse',
    settings: 'Settings',
    studyAll: 'Study all',
    show: 'Show answer',
    export: 'Export…',
    import: 'Import…',
  },
  zh: {
    home: '主页',
    browse: '浏览',
    settings: '设置',
    studyAll: '全部学习',
    show: '显示答案',
    export: '导出…',
    import: '导入…',
  },
} as const;

describe('screenshots of every screen, both languages, both themes', () => {
  for (const language of ['en', 'zh'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${language} ${theme}`, async (ctx) => {
        ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
        await s.api('settings.update', { language, theme });
        const browser = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
        try {
          const { page, errors } = browser;
          const t = TEXT[language];
          // Each screen whole, at a desktop width and a phone width.
          const shot = async (name: string) => {
            for (const width of [1280, 380]) {
              await page.setViewportSize({ width, height: 800 });
              await page.screenshot({
                path: `${OUT}${language}-${theme}-${name}-${width}.png`,
                fullPage: true,
              });
            }
            await page.setViewportSize({ width: 1280, height: 800 });
          };
          await page.goto(s.url);
          await page.getByRole('button', { name: t.studyAll }).waitFor();
          expect(await page.evaluate('document.documentElement.lang')).toMatch(new RegExp(`^${language}`));
          await shot('home');
          for (const which of ['export', 'import'] as const) {
            await page.getByRole('button', { name: t[which] }).click();
            await page.getByTestId(`${which}-dialog`).waitFor();
            await shot(which);
            await page.keyboard.press('Escape');
            await page.getByTestId(`${which}-dialog`).waitFor({ state: 'detached' });
          }
          await page.getByRole('button', { name: t.studyAll }).click();
          await page.getByRole('button', { name: t.show }).waitFor();
          await shot('review-front');
          await page.keyboard.press('Space');
          await page.getByTestId('card-back').waitFor();
          await shot('review-back');
          await page.keyboard.press('Escape');
          await page.getByRole('button', { name: t.browse }).click();
          await page.getByTestId('browse-row').first().waitFor();
          await shot('browse');
          await page.getByRole('button', { name: t.settings }).click();
          await page.getByTestId('language').waitFor();
          await shot('settings');
          expect(errors).toEqual([]);
        } finally {
          await browser.close();
        }
      });
    }
  }
});
