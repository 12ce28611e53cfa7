import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { chromiumAvailable, launchBrowser, type Served, startServer } from './harness.ts';

const OUT = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let s: Served;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  s = await startServer();
  mkdirSync(OUT, { recursive: true });
  // Some studied cards and an exam, so that the exam screens show a forecast and a plan.
  for (let i = 0; i < 30; i++) {
    const next = await s.api<{ card: { id: number } } | null>('review.next');
    if (!next) break;
    await s.api('review.answer', { cardId: next.card.id, rating: [3, 1, 4, 3, 2][i % 5], durationMs: 6000 });
  }
  const { decks } = await s.api<{ decks: { id: number; parentId: number | null }[] }>('decks.list');
  await s.api('exams.create', {
    name: 'Docker DCA',
    examAt: Date.now() + 12 * 86_400_000,
    deckIds: decks.filter((d) => d.parentId === null).map((d) => d.id),
    budgetKind: 'minutes',
    budget: 15,
  });
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
    exams: 'Exams',
    edit: 'Edit',
    cancel: 'Cancel',
    start: 'Start',
    cram: 'Cram…',
    newPreset: 'New preset',
  },
  zh: {
    home: '主页',
    browse: '浏览',
    settings: '设置',
    studyAll: '全部学习',
    show: '显示答案',
    export: '导出…',
    import: '导入…',
    exams: '考试',
    edit: '编辑',
    cancel: '取消',
    start: '开始',
    cram: '突击复习…',
    newPreset: '新建预设',
  },
} as const;

describe('every screen in both languages and both themes: screenshots, and no axe violation', () => {
  for (const language of ['en', 'zh'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${language} ${theme}`, async (ctx) => {
        ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
        await s.api('settings.update', { language, theme });
        const browser = await launchBrowser({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
        try {
          const { page, errors } = browser;
          const t = TEXT[language];
          // Each screen whole, at a desktop width and a phone width; then axe-core's WCAG 2.1
          // A/AA rules on it (contrast in this theme, names in this language, label in name).
          const violations: string[] = [];
          const shot = async (name: string) => {
            for (const width of [1280, 380]) {
              await page.setViewportSize({ width, height: 800 });
              await page.screenshot({
                path: `${OUT}${language}-${theme}-${name}-${width}.png`,
                fullPage: true,
              });
            }
            await page.setViewportSize({ width: 1280, height: 800 });
            violations.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
          };
          await page.goto(s.url);
          await page.getByRole('button', { name: t.studyAll }).waitFor();
          // "Study all" is there from the entry script on; the charts' chunk and data come after.
          await page.getByTestId('history-chart').waitFor();
          expect(await page.evaluate('document.documentElement.lang')).toMatch(new RegExp(`^${language}`));
          await shot('home');
          await page.getByTestId('deck-options-button').first().click();
          await page.getByTestId('deck-preset-summary').waitFor();
          await shot('deck-options');
          await page.keyboard.press('Escape');
          await page.getByTestId('deck-options').waitFor({ state: 'detached' });
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
          // Sorted by stability, the first card open beside the table.
          await page.getByTestId('sort-stability').click();
          await page.locator('th[aria-sort="ascending"]').waitFor();
          await page.getByTestId('browse-row').first().getByRole('button').first().click();
          await page.locator('.card-details dl').waitFor();
          await shot('browse-card');
          await page.getByRole('button', { name: t.settings }).click();
          await page.getByTestId('language').waitFor();
          await shot('settings');
          await page.getByRole('button', { name: t.newPreset }).click();
          await page.getByTestId('preset-name-form').waitFor();
          await shot('settings-new-preset');
          // The exam screens: the list, an exam (forecast and plan), its form, a cram session.
          await page.getByRole('navigation').getByRole('button', { name: t.exams }).click();
          await page.getByTestId('exam-item').first().waitFor();
          await shot('exams');
          await page.getByTestId('exam-item').first().getByRole('button').click();
          await page.getByTestId('exam-plan').waitFor();
          await shot('exam');
          await page.getByRole('button', { name: t.edit, exact: true }).click();
          await page.getByTestId('exam-form').waitFor();
          await shot('exam-form');
          await page.getByRole('button', { name: t.cancel }).click();
          await page.getByTestId('cram-launcher').getByRole('button', { name: t.start }).click();
          await page.getByTestId('card').waitFor();
          await shot('cram');
          await page.keyboard.press('Escape');
          await page.getByTestId('exam-detail').waitFor();
          await page.getByRole('navigation').getByRole('button', { name: t.home }).click();
          await page.getByRole('button', { name: t.cram }).click();
          await page.getByTestId('cram-launcher').waitFor();
          await shot('cram-setup');
          expect(violations).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await browser.close();
        }
      });
    }
  }
});
