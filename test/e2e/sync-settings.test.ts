/**
 * Settings → Sync shows what merged of settings: two browser-mode servers share a sync folder;
 * the day start and a preset changed on the first show on the second after Sync now (the
 * counts received, the last change, which device, when), in both languages and both themes,
 * at 1280 and 380 px. Screenshots go to test-results/screenshots (or $MNEMO_SHOTS).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { chromiumAvailable, launchBrowser, type Served } from './harness.ts';
import { syncedServers } from './sync-servers.ts';

const OUT =
  process.env.MNEMO_SHOTS ?? fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'mnemo-e2e-sync-settings-'));
const started: Served[] = [];
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
afterAll(async () => {
  await browser?.close();
  for (const s of started) await s.stop();
  rmSync(folder, { recursive: true, force: true });
});

const TEXT = {
  en: {
    settings: 'Settings',
    syncNow: 'Sync now',
    received: 'Received at the last sync',
    counts: '1 preset change, 1 scheduling setting change',
    change: 'Next day starts at 6:00, learn ahead limit 45 min',
  },
  zh: {
    settings: '设置',
    syncNow: '立即同步',
    received: '上次同步收到',
    counts: '预设更改 1 项，调度设置更改 1 项',
    change: '新的一天从 6:00 开始，提前学习上限 45 分钟',
  },
} as const;

describe('Settings → Sync shows the settings merged', () => {
  it('a day start and a preset changed on one device: the other shows what it received, from whom, when', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const [one, two] = await syncedServers(folder, started);
    await one.api('presets.update', { presetId: 1, newPerDay: 7 });
    await new Promise((r) => setTimeout(r, 5)); // the settings change is the newer one
    await one.api('settings.update', { dayStartHour: 6, learnAheadMinutes: 45, theme: 'dark' });
    expect(await one.api('sync.run')).toMatchObject({
      out: 2,
      settings: { out: { preset: 1, deck: 0, exam: 0, settings: 1 } },
    });
    const oneId = (await one.api<{ device: string }>('sync.status')).device;

    browser = await launchBrowser();
    const { page, errors } = browser;
    await page.goto(two.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByTestId('sync');
    await expect.poll(() => section.getByTestId('sync-settings-last').textContent()).toBe('none yet');
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => section.getByTestId('sync-settings-in').textContent()).toBe(TEXT.en.counts);
    expect(await section.getByTestId('sync-settings-out').textContent()).toBe('no settings changes');
    const last = (await section.getByTestId('sync-settings-last').textContent())!;
    expect(last).toContain(TEXT.en.change);
    expect(last).toContain(oneId);
    // The day start and learn-ahead now hold here; the theme stayed on its device.
    expect(await two.api('settings.get')).toMatchObject({
      dayStartHour: 6,
      learnAheadMinutes: 45,
      theme: 'system',
    });
    // The General form on the same screen shows them without a reload.
    await expect.poll(() => page.getByLabel('Next day starts at (hour)').inputValue()).toBe('6');
    expect(await page.getByLabel('Learn ahead limit (minutes)').inputValue()).toBe('45');

    mkdirSync(OUT, { recursive: true });
    for (const language of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await two.api('settings.update', { language, theme });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto(two.url);
        const t = TEXT[language];
        await page.getByRole('button', { name: t.settings, exact: true }).click();
        await expect.poll(() => section.getByTestId('sync-settings-in').textContent()).toBe(t.counts);
        expect(await section.getByTestId('sync-settings').textContent()).toContain(t.received);
        expect(await section.getByTestId('sync-settings-last').textContent()).toContain(t.change);
        expect(await axeViolations(page)).toEqual([]);
        for (const width of [1280, 380]) {
          await page.setViewportSize({ width, height: 800 });
          await section.scrollIntoViewIfNeeded();
          await section.screenshot({ path: join(OUT, `sync-settings-${language}-${theme}-${width}.png`) });
          // Nothing wider than the screen at either width.
          const wide = await section.evaluate((el) =>
            [el, ...el.querySelectorAll('*')]
              .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
              .map((e) => `${e.tagName}.${e.className} ${e.scrollWidth}>${e.clientWidth}`),
          );
          expect(wide, `${language} ${theme} ${width}`).toEqual([]);
        }
      }
    }
    // From the keyboard: Sync now pressed with Enter syncs again (nothing new this time).
    await page.setViewportSize({ width: 1280, height: 800 });
    const button = section.getByRole('button', { name: TEXT.zh.syncNow });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByTestId('sync-settings-in').textContent()).toBe('没有设置更改');
    expect(errors).toEqual([]);
  });
});
