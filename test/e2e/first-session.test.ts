import type { Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { referenceReplay } from '../helpers/reference-fsrs.ts';
import { serverAndBrowser } from './fixture.ts';
import { chromiumAvailable } from './harness.ts';

type Counts = { new: number; learning: number; review: number };
interface CardDetails {
  card: {
    id: number;
    fsrs: { due: number; stability: number; difficulty: number; reps: number; state: string };
  };
  log: { rating: number; reviewedAt: number }[];
}

const env = serverAndBrowser();

describe("a newcomer's first session in the browser", () => {
  it('studies the network-modes deck with the keyboard, undoes, reloads and continues; every answer is kept', async (ctx) => {
    ctx.skip(!chromiumAvailable, 'Chromium is not installed (apt-get install chromium)');
    const { s, browser } = env;
    const { page, errors } = browser;
    await page.goto(s.url);
    const deck = page.locator('[data-testid="deck-row"][data-deck-name="Docker::网络模式"]');
    await expect.poll(() => deck.count()).toBe(1);
    const startNew = Number(await deck.getByTestId('count-new').textContent());
    expect(startNew).toBe(20);
    await deck.getByRole('button', { name: /^Study 网络模式/ }).click();

    const card = page.getByTestId('card');
    const remaining = async (): Promise<Counts> => ({
      new: Number(await page.getByTestId('remaining-new').textContent()),
      learning: Number(await page.getByTestId('remaining-learning').textContent()),
      review: Number(await page.getByTestId('remaining-review').textContent()),
    });
    const answers: { cardId: number; rating: Grade }[] = [];
    const newCounts: number[] = [];
    const ratings: Grade[] = [3, 3, 1, 4, 2, 3, 4, 3, 1, 3, 3, 2, 4, 3, 3, 1, 3, 4, 3, 3];
    for (const rating of ratings) {
      await expect.poll(() => card.getAttribute('data-side')).toBe('front');
      const cardId = Number(await card.getAttribute('data-card-id'));
      newCounts.push((await remaining()).new);
      await page.keyboard.press('Space');
      await expect.poll(() => card.getAttribute('data-side')).toBe('back');
      await expect(page.getByTestId('card-back').isVisible()).resolves.toBe(true);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
      const next = page.waitForResponse((r) => r.url().endsWith('/api/review.next') && r.ok());
      await page.keyboard.press(String(rating));
      await answered;
      await next;
      answers.push({ cardId, rating });
    }
    // The counts fell: fewer new cards left, never more.
    for (let i = 1; i < newCounts.length; i++) expect(newCounts[i]!).toBeLessThanOrEqual(newCounts[i - 1]!);
    expect((await remaining()).new).toBeLessThan(startNew);

    // Undo the last answer: that card is shown again.
    const undone = answers.pop()!;
    const undoCall = page.waitForResponse((r) => r.url().endsWith('/api/review.undo') && r.ok());
    await page.keyboard.press('u');
    await undoCall;
    await expect.poll(async () => Number(await card.getAttribute('data-card-id'))).toBe(undone.cardId);
    const before = await remaining();

    // Reload: the session continues where it was.
    await page.reload();
    const again = page.locator('[data-testid="deck-row"][data-deck-name="Docker::网络模式"]');
    await again.getByRole('button', { name: /^Study 网络模式/ }).click();
    await expect.poll(() => card.getAttribute('data-side')).toBe('front');
    expect(await remaining()).toEqual(before);
    const cardId = Number(await card.getAttribute('data-card-id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getAttribute('data-side')).toBe('back');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/review.answer') && r.ok());
    await page.keyboard.press('3');
    await answered;
    answers.push({ cardId, rating: 3 });

    // The log holds exactly the answers given, and each card's state is what ts-fsrs gives.
    const today = await s.api<{ studied: number }>('stats.today');
    expect(today.studied).toBe(answers.length);
    for (const id of new Set(answers.map((a) => a.cardId))) {
      const details = await s.api<CardDetails>('cards.get', { cardId: id });
      expect(details.log.map((l) => l.rating)).toEqual(
        answers.filter((a) => a.cardId === id).map((a) => a.rating),
      );
      const replay = referenceReplay(id, details.log[0]!.reviewedAt, details.log);
      expect(details.card.fsrs).toMatchObject({
        due: replay.due,
        stability: replay.stability,
        difficulty: replay.difficulty,
        reps: replay.reps,
      });
    }
    expect(errors).toEqual([]);
  });
});
