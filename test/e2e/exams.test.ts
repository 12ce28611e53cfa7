import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable, type Served } from './harness.ts';

const env = serverAndBrowser();
const DAY = 86_400_000;
const DAY_START_HOUR = 4; // the default study-day start

interface Next {
  card: { id: number };
}
interface Exam {
  id: number;
  name: string;
  examAt: number;
  target: number;
}

/** 'YYYY-MM-DD' of a local date, as <input type=date> takes it (the browser shares this TZ). */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Studies some of the bundled cards through the API, so that they have memory states to predict from. */
async function studySome(s: Served, answers: number): Promise<void> {
  for (let i = 0; i < answers; i++) {
    const next = await s.api<Next | null>('review.next');
    if (!next) break;
    await s.api('review.answer', { cardId: next.card.id, rating: [3, 1, 4, 3, 2][i % 5], durationMs: 6000 });
  }
}

/** Review-log rows written since `since`, read from the collection file itself. */
function answersSince(s: Served, since: number): { card_id: number; kind: string }[] {
  const db = new Database(join(s.dataDir, 'collection.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT card_id, kind FROM review_log WHERE reviewed_at >= ? ORDER BY seq')
      .all(since) as { card_id: number; kind: string }[];
  } finally {
    db.close();
  }
}

const fieldError = (page: Page, id: string) => page.locator(`#${id}-error`);

describe('exams in the browser', () => {
  it('creates an exam (bad input refused, nothing saved), shows predicted recall and the plan, and crams 10 weakest cards by keyboard', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    await studySome(s, 40);

    // From the top bar to a new exam.
    await page.goto(s.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Exams' }).click();
    await page.getByRole('button', { name: 'New exam' }).click();
    const form = page.getByTestId('exam-form');
    await form.waitFor();

    // Bad input first: a past date, no deck or tag, a target of 150 %. Each shows under its
    // field, and nothing is saved.
    await page.getByLabel('Name', { exact: true }).fill('Docker certification');
    await page.getByLabel('Date', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Target (% of cards recalled on the day)').fill('150');
    await form.getByRole('button', { name: 'Save exam' }).click();
    await expect.poll(() => fieldError(page, 'exam-date').textContent()).toMatch(/in the past/);
    expect(await fieldError(page, 'exam-scope').textContent()).toMatch(/at least one deck or tag/);
    expect(await fieldError(page, 'exam-target').textContent()).toMatch(/above 0 and below 100/);
    expect(await s.api<Exam[]>('exams.list')).toEqual([]);

    // A tag no card has: only the API can tell; its refusal is shown under the decks and tags.
    // Ten study days ahead: before the 4 AM day start, today's study day is still yesterday's date.
    await page
      .getByLabel('Date', { exact: true })
      .fill(localDate(Date.now() - DAY_START_HOUR * 3_600_000 + 10 * DAY));
    await page.getByLabel('Time', { exact: true }).fill('09:00');
    await page.getByLabel('Target (% of cards recalled on the day)').fill('90');
    await page.getByLabel('Tags', { exact: true }).fill('no-such-tag');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/exams.create'));
    await form.getByRole('button', { name: 'Save exam' }).click();
    expect((await refused).status()).toBe(400);
    await expect
      .poll(() => fieldError(page, 'exam-scope').textContent())
      .toMatch(/deck or tag that has cards/);
    expect(await fieldError(page, 'exam-date').count()).toBe(0);
    expect(await s.api<Exam[]>('exams.list')).toEqual([]);

    // Fixed: the Docker deck (its subdecks come with it), no tag, 30 minutes a day.
    await page.getByLabel('Tags', { exact: true }).fill('');
    await page.locator('[data-testid="exam-deck"][data-deck-name="Docker"]').check();
    await page.getByLabel('Daily budget').fill('30');
    await form.getByRole('button', { name: 'Save exam' }).click();

    // The exam's page: predicted recall, per deck, and the plan day by day.
    await page.getByTestId('exam-detail').waitFor();
    const [exam] = await s.api<Exam[]>('exams.list');
    expect(exam).toMatchObject({ name: 'Docker certification', target: 0.9 });
    const forecast = page.getByTestId('exam-forecast');
    await forecast.waitFor();
    expect(await page.getByTestId('recall-now').textContent()).toMatch(/^[\d.]+ of \d+ cards \([\d.]+%\)$/);
    const deckRows = await page.getByTestId('forecast-table').locator('tbody tr').count();
    const apiForecast = await s.api<{ decks: unknown[]; studied: number }>('exams.forecast', {
      examId: exam!.id,
    });
    expect(deckRows).toBe(apiForecast.decks.length);
    expect(apiForecast.studied).toBeGreaterThan(10);
    const plan = page.getByTestId('exam-plan');
    await plan.waitFor();
    expect(await page.getByTestId('plan-verdict').textContent()).toMatch(
      /Following the plan: [\d.]+% at the exam \(target 90%\)/,
    );
    const days = (await s.api<{ days: unknown[] }>('exams.plan', { examId: exam!.id })).days.length;
    expect(days).toBe(10);
    expect(await plan.locator('.chart-workload .chart-bar').count()).toBe(days);
    await plan.getByText('Show the numbers').click();
    expect(await page.getByTestId('plan-table').locator('tbody tr').count()).toBe(days);

    // A weakest-first cram of 10 cards, entirely from the keyboard.
    const launcher = page.getByTestId('cram-launcher');
    await launcher.getByRole('radio', { name: /Weakest first/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10');
    const started = page.waitForResponse((r) => r.url().endsWith('/api/cram.start') && r.ok());
    await page.keyboard.press('Enter');
    const run = (await (await started).json()) as { kind: string; reschedules: boolean; cardIds: number[] };
    expect(run).toMatchObject({ kind: 'weakest', reschedules: true });
    expect(run.cardIds).toHaveLength(10);
    await page.getByTestId('cram-session').waitFor();
    expect(await page.getByText('Answers reschedule cards as in a normal review.').count()).toBe(1);
    const since = Date.now() - 1000;
    const card = page.getByTestId('card');
    const shown: number[] = [];
    for (let i = 0; i < 10; i++) {
      await expect.poll(() => page.getByTestId('cram-progress').textContent()).toBe(`Card ${i + 1} of 10`);
      await expect.poll(() => card.getAttribute('data-side')).toBe('front');
      shown.push(Number(await card.getAttribute('data-card-id')));
      await page.keyboard.press(i % 2 ? 'Enter' : 'Space');
      await expect.poll(() => card.getAttribute('data-side')).toBe('back');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
      await page.keyboard.press(String((i % 4) + 1));
      await answered;
    }
    await page.getByTestId('cram-finished').waitFor();
    expect(await page.getByTestId('cram-finished').textContent()).toContain('10 cards answered.');
    // Shown in the planner's order (weakest first), each once.
    expect(shown).toEqual(run.cardIds);

    // Ten answers were logged, one per card, as normal reviews (they rescheduled).
    const logged = answersSince(s, since);
    expect(logged).toHaveLength(10);
    expect(logged.map((r) => r.card_id)).toEqual(run.cardIds);
    expect(logged.every((r) => r.kind !== 'cram')).toBe(true);
    for (const [i, id] of run.cardIds.entries()) {
      const { log } = await s.api<{ log: { rating: number; reviewedAt: number }[] }>('cards.get', {
        cardId: id,
      });
      expect(log.at(-1)).toMatchObject({ rating: (i % 4) + 1 });
      expect(log.at(-1)!.reviewedAt).toBeGreaterThanOrEqual(since);
    }

    // Back to the exam, "Study for" it, and Escape back; Home counts it down.
    await page.keyboard.press('Enter');
    await page.getByTestId('exam-detail').waitFor();
    await page.getByTestId('study-exam').click();
    await page.getByTestId('exam-session-title').waitFor();
    expect(await page.getByTestId('exam-session-title').textContent()).toContain(
      'Study for Docker certification',
    );
    // The key hint says where Escape goes: back to the exam, not Home.
    expect(await page.locator('.shortcuts').textContent()).toMatch(/Esc back to the exam$/);
    await page.keyboard.press('Escape');
    await page.getByTestId('exam-detail').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Home' }).click();
    const countdown = page.getByTestId('home-exams').getByTestId('exam-item');
    await countdown.waitFor();
    expect(await countdown.getByTestId('exam-days').textContent()).toBe('10 days left');
    await expect
      .poll(() => countdown.textContent())
      .toMatch(/If you stop now: [\d.]+% at the exam · target 90%/);
    expect(errors).toEqual([]);
  });
});
