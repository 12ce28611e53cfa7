import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mountTmpfs, TMPFS_SKIP, type Tmpfs } from '../helpers/tmpfs.ts';
import { chromiumAvailable, launchBrowser, startServer } from './harness.ts';

const OUT = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

interface Next {
  card: { id: number; fsrs: { reps: number } };
}

let fs: Tmpfs | null = null;
afterAll(() => fs?.unmount());

describe('a full disk', () => {
  it('does not crash the app; the answer is refused with a banner, nothing acknowledged is lost', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    fs = mountTmpfs(24);
    ctx.skip(!fs, TMPFS_SKIP);
    const dataDir = join(fs!.dir, 'data');
    mkdirSync(dataDir);
    const s = await startServer(dataDir);
    let stderr = '';
    s.child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const browser = await launchBrowser();
    try {
      // The day's backup is taken at start; let it finish first (a backup that fails on the
      // full disk deletes its partial copy, which would free space again).
      const backups = join(dataDir, 'backups');
      await expect
        .poll(() => (existsSync(backups) ? readdirSync(backups) : []), { timeout: 15_000 })
        .toEqual([expect.stringMatching(/^collection-\d{8}-\d{6}\.sqlite$/)]);
      // Some answers, then the disk fills before their pages reach the main file.
      const acknowledged: string[] = [];
      for (let i = 0; i < 20; i++) {
        const next = await s.api<Next>('review.next');
        const r = await s.api<{ reviewId: string }>('review.answer', {
          cardId: next.card.id,
          rating: 3,
          durationMs: 1000,
          seenReps: next.card.fsrs.reps,
        });
        acknowledged.push(r.reviewId);
      }
      const filler = fs!.fill();
      // SQLite reuses the WAL file from its start once a checkpoint has copied it all back, so
      // the first answers may still fit in space the file already has. Answer (any card may
      // be answered) until one is refused: every one before it was stored.
      const { cards } = await s.api<{ cards: { id: number }[] }>('cards.search', { limit: 500 });
      let refused: { status?: number; body?: unknown } | null = null;
      for (const { id } of cards) {
        const r = await s
          .api<{ reviewId: string }>('review.answer', { cardId: id, rating: 3, durationMs: 1 })
          .then((ok) => {
            acknowledged.push(ok.reviewId);
            return null;
          })
          .catch((e: { status: number; body: unknown }) => e);
        if (r) {
          refused = r;
          break;
        }
      }
      expect(refused).toMatchObject({ status: 507, body: { error: { type: 'DiskFull' } } });
      // The background checkpoint fails too; it used to take the whole server down.
      await expect.poll(() => stderr, { timeout: 10_000 }).toMatch(/checkpoint failed \(will retry\)/);
      expect(s.child.exitCode).toBeNull();

      // In the app: the grade is refused with a banner and the card stays to be graded again.
      const { page, errors } = browser;
      await page.goto(s.url);
      await page.getByRole('button', { name: 'Study all' }).click();
      const card = page.getByTestId('card');
      await expect.poll(() => card.getAttribute('data-side')).toBe('front');
      const cardId = await card.getAttribute('data-card-id');
      await page.keyboard.press('Space');
      await page.keyboard.press('3');
      const banner = page.getByRole('alert');
      await expect.poll(() => banner.textContent()).toMatch(/^Disk full: your last answer was not saved/);
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: `${OUT}disk-full-banner.png` });
      expect(await card.getAttribute('data-card-id')).toBe(cardId);
      expect(await card.getAttribute('data-side')).toBe('back');

      // Space freed: the same key stores the answer and the banner goes.
      rmSync(filler);
      const stored = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
      await page.keyboard.press('3');
      const reviewId = ((await (await stored).json()) as { reviewId: string }).reviewId;
      acknowledged.push(reviewId);
      await expect.poll(() => banner.count()).toBe(0);
      expect(errors).toEqual([]);

      // Every acknowledged answer is in the collection, and only those.
      const today = await s.api<{ studied: number }>('stats.today');
      expect(today.studied).toBe(acknowledged.length);
      expect(s.child.exitCode).toBeNull();
    } finally {
      await browser.close();
      await s.stop();
    }
  });
});
